using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.State;
using OrleansStreams.Silo.Tests.Storage.Support;
using OrleansStreams.Storage;
using OrleansStreams.Storage.KeyState;
using OrleansStreams.TestKit;
using static OrleansStreams.Silo.Tests.Storage.KeyState.KeyStateTestData;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary><c>AddOrleansStreamsStorage</c> registers the key state store of the configured provider, and its schema.</summary>
public sealed class KeyStateRegistrationTests : IDisposable
{
    private readonly SqliteTestFile _file = SqliteTestFile.Create("orleansstreams-keystate-di");

    [Fact]
    public async Task AddOrleansStreamsStorage_Sqlite_RegistersSqliteStoreAndKeyStateSchemaOnTheSameFile()
    {
        var settings = Settings("Sqlite", _file.ConnectionString);

        await using var services = Build(settings);

        Assert.IsType<SqliteKeyStateStore>(services.GetRequiredService<IKeyStateStore>());
        Assert.Contains(new SchemaTarget(SqlDialect.Sqlite, SchemaPart.KeyState, settings.ConnectionString!), services.GetServices<SchemaTarget>());
        Assert.Contains(new SchemaTarget(SqlDialect.Sqlite, SchemaPart.Persistence, settings.ConnectionString!), services.GetServices<SchemaTarget>());
    }

    [Fact]
    public async Task AddOrleansStreamsStorage_PostgreSql_RegistersPostgreSqlStoreAndKeyStateSchema()
    {
        var settings = Settings("PostgreSql", PostgresTestDatabase.ConnectionString);

        await using var services = Build(settings);

        Assert.IsType<PostgreSqlKeyStateStore>(services.GetRequiredService<IKeyStateStore>());
        Assert.Contains(new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.KeyState, settings.ConnectionString!), services.GetServices<SchemaTarget>());
    }

    [Fact]
    public void AddOrleansStreamsStorage_Memory_RegistersOneStoreAndNoSchema()
    {
        // Resolving it needs a running silo (its IGrainFactory): MemoryKeyStateClusterTests does.
        var services = new ServiceCollection().AddLogging();

        new TestSiloBuilder(services).AddOrleansStreamsStorage(Settings("Memory", null));

        Assert.Single(services, d => d.ServiceType == typeof(IKeyStateStore));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(SchemaTarget));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task WriteCheckpointAsync_SqlStores_LogNothingAboveDebug(string provider)
    {
        var target = provider == "Sqlite"
            ? new SchemaTarget(SqlDialect.Sqlite, SchemaPart.KeyState, _file.ConnectionString)
            : new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.KeyState, await PostgresTestDatabase.CreateScratchDatabaseAsync("keystate_log"));
        await KeyStateStoreFixture.ApplySchemaAsync(target);
        var sqliteLog = new ListLogger<SqliteKeyStateStore>();
        var postgresLog = new ListLogger<PostgreSqlKeyStateStore>();
        IKeyStateStore store = provider == "Sqlite"
            ? new SqliteKeyStateStore(target.ConnectionString, TimeProvider.System, sqliteLog)
            : new PostgreSqlKeyStateStore(target.ConnectionString, 5, TimeProvider.System, postgresLog);
        var pipeline = NewPipeline();

        var generation = await store.BeginGenerationAsync(pipeline, 0);
        for (var checkpoint = 1; checkpoint <= 3; checkpoint++)
        {
            await store.WriteCheckpointAsync(pipeline, 0, generation, checkpoint, Rows(("a", $"a{checkpoint}")));
        }

        await store.RollBackAsync(pipeline, 0, generation, 2);

        var entries = sqliteLog.Entries.Concat(postgresLog.Entries).ToList();
        Assert.Equal(5, entries.Count);
        Assert.All(entries, e => Assert.Equal(LogLevel.Debug, e.Level));
        (store as IDisposable)?.Dispose();
    }

    public void Dispose() => _file.Dispose();

    private static StorageSettings Settings(string provider, string? connectionString) =>
        StorageSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = connectionString,
        }).Build());

    private static ServiceProvider Build(StorageSettings settings)
    {
        var services = new ServiceCollection().AddLogging();
        new TestSiloBuilder(services).AddOrleansStreamsStorage(settings);
        return services.BuildServiceProvider();
    }

    private sealed class TestSiloBuilder(IServiceCollection services) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = new ConfigurationManager();
    }
}
