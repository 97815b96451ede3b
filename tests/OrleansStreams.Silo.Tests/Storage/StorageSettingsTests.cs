using Microsoft.Extensions.Configuration;
using OrleansStreams.Configuration;

namespace OrleansStreams.Silo.Tests.Storage;

public sealed class StorageSettingsTests
{
    private const string Postgres = "Host=db;Database=state;Username=silo;Password=s3cret";

    [Fact]
    public void Read_NoStorageSection_UsesSqliteFileUnderWorkingDirectory()
    {
        var settings = Read();

        Assert.Equal(StorageProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(Directory.GetCurrentDirectory(), "data", "state.db")}", settings.ConnectionString);
    }

    [Fact]
    public void Read_RelativeSqliteFile_IsResolvedAgainstWorkingDirectory()
    {
        var settings = Read(("Provider", "sqlite"), ("ConnectionString", "Data Source=state/grains.db;Default Timeout=60"));

        Assert.Contains($"Data Source={Path.Combine(Directory.GetCurrentDirectory(), "state", "grains.db")}", settings.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Default Timeout=60", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 50)]
    [InlineData("Maximum Pool Size=20", null, 20)]
    [InlineData("Maximum Pool Size=20", "30", 30)]
    [InlineData(null, "8", 8)]
    public void Read_PostgreSql_MaxPoolSizeSettingBeatsConnectionStringBeatsDefault(string? inConnectionString, string? setting, int expected)
    {
        var settings = Read(("Provider", "PostgreSql"), ("ConnectionString", $"{Postgres};{inConnectionString}"), ("MaxPoolSize", setting));

        Assert.Equal(expected, settings.MaxPoolSize);
        Assert.Contains($"Maximum Pool Size={expected}", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 20)]
    [InlineData(";Max Auto Prepare=0", 0)]
    public void Read_PostgreSql_PreparesStatementsUnlessTheConnectionStringSaysOtherwise(string inConnectionString, int expected)
    {
        var settings = Read(("Provider", "PostgreSql"), ("ConnectionString", Postgres + inConnectionString));

        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void RedactedConnectionString_PostgreSqlWithPassword_MasksThePassword()
    {
        var settings = Read(("Provider", "PostgreSql"), ("ConnectionString", Postgres));

        Assert.Contains("s3cret", settings.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", settings.RedactedConnectionString, StringComparison.Ordinal);
        Assert.Contains("password=***", settings.RedactedConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RedactedConnectionString_UnknownKeyword_MasksItsValueAndKeepsHarmlessOnes()
    {
        var settings = Read(("Provider", "PostgreSql"), ("ConnectionString", "Host=db;Port=5433;Database=state;Username=silo;SSL Password=k3y;Passfile=/run/pg"));

        Assert.Equal("host=db;port=5433;database=state;username=silo;ssl password=***;passfile=***;maximum pool size=50;max auto prepare=20", settings.RedactedConnectionString);
    }

    [Fact]
    public void Read_Memory_NeedsNoConnectionString()
    {
        var settings = Read(("Provider", "Memory"));

        Assert.Equal((StorageProvider.Memory, null), (settings.Provider, settings.ConnectionString));
    }

    [Theory]
    [InlineData("Oracle", null, null,
        "Invalid setting Storage:Provider = 'Oracle': allowed is one of Sqlite, PostgreSql, Memory.")]
    [InlineData("PostgreSql", null, null,
        "Invalid setting Storage:ConnectionString = (missing): allowed is a PostgreSQL connection string (Npgsql keywords, e.g. Host=db;Database=orleansstreams;Username=silo;Password=...) when Storage:Provider is PostgreSql.")]
    [InlineData("PostgreSql", "Hots=db;Password=s3cret", null,
        "Invalid setting Storage:ConnectionString = 'hots=***;password=***': allowed is a PostgreSQL connection string (Npgsql keywords, e.g. Host=db;Database=orleansstreams;Username=silo;Password=...).")]
    [InlineData("PostgreSql", Postgres, "0",
        "Invalid setting Storage:MaxPoolSize = '0': allowed is an integer from 1 to 1000.")]
    [InlineData("PostgreSql", Postgres + ";Minimum Pool Size=10", "5",
        "Invalid setting Storage:MaxPoolSize = '5': allowed is at least the connection string's Minimum Pool Size (10).")]
    [InlineData("Sqlite", "Data Source=:memory:", null,
        "Invalid setting Storage:ConnectionString = 'data source=:memory:': allowed is a SQLite connection string naming a file, e.g. Data Source=data/state.db.")]
    [InlineData("Sqlite", "Data Source=x.db;Pasword=s3cret", null,
        "Invalid setting Storage:ConnectionString = 'data source=x.db;pasword=***': allowed is a SQLite connection string naming a file, e.g. Data Source=data/state.db.")]
    public void Read_BadValue_ThrowsOneLineNamingKeyValueAndAllowed(string provider, string? connectionString, string? maxPoolSize, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() =>
            Read(("Provider", provider), ("ConnectionString", connectionString), ("MaxPoolSize", maxPoolSize)));

        Assert.Equal(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static StorageSettings Read(params (string Key, string? Value)[] values) =>
        StorageSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Storage:{v.Key}", v.Value)))
            .Build());
}
