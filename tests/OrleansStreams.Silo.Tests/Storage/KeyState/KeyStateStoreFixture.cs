using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.State;
using OrleansStreams.Silo.Tests.Storage.Support;
using OrleansStreams.Storage;
using OrleansStreams.Storage.KeyState;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>
/// One store of each backend for a test class: a fresh SQLite file and a scratch PostgreSQL
/// database with the key state schema applied as the silo applies it, and a one-silo in-process
/// cluster with <c>Storage:Provider=Memory</c> whose <see cref="IKeyStateStore"/> comes from the silo's
/// own registration. Tests keep apart by using fresh pipeline names.
/// </summary>
public sealed class KeyStateStoreFixture : IAsyncLifetime
{
    private readonly SqliteTestFile _file = SqliteTestFile.Create("orleansstreams-keystate");
    private SqliteKeyStateStore _sqlite = null!;
    private PostgreSqlKeyStateStore _postgres = null!;
    private InProcessTestCluster _cluster = null!;

    public string SqliteConnectionString => _file.ConnectionString;

    public string PostgresConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PostgresConnectionString = await PostgresTestDatabase.CreateScratchDatabaseAsync("keystate");
        await ApplySchemaAsync(new SchemaTarget(SqlDialect.Sqlite, SchemaPart.KeyState, SqliteConnectionString));
        await ApplySchemaAsync(new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.KeyState, PostgresConnectionString));
        _sqlite = new SqliteKeyStateStore(SqliteConnectionString, TimeProvider.System, NullLogger<SqliteKeyStateStore>.Instance);
        _postgres = new PostgreSqlKeyStateStore(PostgresConnectionString, 10, TimeProvider.System, NullLogger<PostgreSqlKeyStateStore>.Instance);
        var memory = StorageSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" }).Build());
        _cluster = await StorageTestCluster.StartAsync(memory, "keystate-tests");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _postgres.DisposeAsync();
        _sqlite.Dispose();
        _file.Dispose();
    }

    internal IKeyStateStore Store(KeyStateBackend backend) => backend switch
    {
        KeyStateBackend.Sqlite => _sqlite,
        KeyStateBackend.PostgreSql => _postgres,
        KeyStateBackend.Memory => _cluster.Silos[0].ServiceProvider.GetRequiredService<IKeyStateStore>(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    internal static async Task ApplySchemaAsync(SchemaTarget target) =>
        await new StorageSchemaInstaller([], TimeProvider.System, NullLogger<StorageSchemaInstaller>.Instance).ApplyAsync(target);
}
