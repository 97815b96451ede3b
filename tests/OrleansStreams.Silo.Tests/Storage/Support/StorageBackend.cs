using System.Data.Common;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Configuration;
using OrleansStreams.Storage;

namespace OrleansStreams.Silo.Tests.Storage.Support;

/// <summary>
/// One storage backend (SQLite, PostgreSQL, Memory) as an xunit class fixture: a fresh, empty
/// database per test class, and the validated <see cref="StorageSettings"/> that point at it.
/// </summary>
public abstract class StorageBackend : IAsyncLifetime
{
    public StorageSettings Settings { get; private set; } = null!;

    public StorageProvider Provider => Settings.Provider;

    /// <summary>Whether state outlives the silo (false for Memory).</summary>
    public bool IsDurable => Provider != StorageProvider.Memory;

    public async Task InitializeAsync()
    {
        var values = await CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Settings = StorageSettings.Read(configuration);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The persistence schema of this backend; null for Memory.</summary>
    internal SchemaTarget? PersistenceSchema => Provider switch
    {
        StorageProvider.Sqlite => new SchemaTarget(SqlDialect.Sqlite, SchemaPart.Persistence, Settings.ConnectionString!),
        StorageProvider.PostgreSql => new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.Persistence, Settings.ConnectionString!),
        _ => null,
    };

    /// <summary>Applies the persistence schema (idempotent), as the silo does at start.</summary>
    internal async Task ApplySchemaAsync()
    {
        if (PersistenceSchema is { } schema)
        {
            var installer = new StorageSchemaInstaller([], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageSchemaInstaller>.Instance);
            await installer.ApplyAsync(schema);
        }
    }

    /// <summary>Runs a scalar SQL query against the backend's database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = OpenConnection() ?? throw new InvalidOperationException($"{Provider} has no database");
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens a connection to the backend's database, as the storage provider would; null for Memory.</summary>
    public abstract DbConnection? OpenConnection();

    /// <summary>Creates the empty database and returns the <c>Storage:*</c> settings for it.</summary>
    protected abstract Task<Dictionary<string, string?>> CreateDatabaseAsync();
}
