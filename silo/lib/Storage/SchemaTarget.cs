using OrleansStreams.Client.Hosting;

namespace OrleansStreams.Storage;

/// <summary>One schema to apply at silo start: a script and the database it goes to.</summary>
internal sealed record SchemaTarget(SqlDialect Dialect, SchemaPart Part, string ConnectionString)
{
    /// <summary>The embedded script, e.g. <c>Sql/PostgreSql/Persistence.sql</c>.</summary>
    public string ScriptName => $"Sql/{Dialect}/{Part}.sql";

    /// <summary>Loads the script text from the silo assembly.</summary>
    public string LoadScript()
    {
        var resource = $"OrleansStreams/Storage/{ScriptName}";
        using var stream = typeof(SchemaTarget).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded schema script {resource} is missing from the silo assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public override string ToString() => $"{Dialect} {Part.ToString().ToLowerInvariant()} schema at {ConnectionStrings.Redact(ConnectionString)}";
}
