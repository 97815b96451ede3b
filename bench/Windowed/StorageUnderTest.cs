using OrleansStreams.Bench.Harness;

namespace OrleansStreams.Bench.Windowed;

/// <summary>
/// Fresh grain storage for one run, as <c>OrleansStreams:Storage:*</c> settings: Memory, a new SQLite file (the
/// shipped WAL configuration), or a scratch PostgreSQL database; removed afterwards.
/// </summary>
internal sealed class StorageUnderTest : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly PostgresScratch? _postgres;

    private StorageUnderTest(string[] settings, string? directory, PostgresScratch? postgres)
    {
        Settings = settings;
        _directory = directory;
        _postgres = postgres;
    }

    public string[] Settings { get; }

    public static async Task<StorageUnderTest> CreateAsync(string provider, string postgresServer)
    {
        switch (provider)
        {
            case "Memory":
                return new StorageUnderTest(["--OrleansStreams:Storage:Provider=Memory"], null, null);
            case "Sqlite":
                var directory = Path.Combine(Path.GetTempPath(), $"bench-sqlite-{Guid.NewGuid():N}");
                Directory.CreateDirectory(directory);
                return new StorageUnderTest(["--OrleansStreams:Storage:Provider=Sqlite", $"--OrleansStreams:Storage:ConnectionString=Data Source={Path.Combine(directory, "state.db")}"], directory, null);
            case "PostgreSql":
                var database = await PostgresScratch.CreateAsync(postgresServer);
                return new StorageUnderTest(["--OrleansStreams:Storage:Provider=PostgreSql", $"--OrleansStreams:Storage:ConnectionString={database.ConnectionString}"], null, database);
            default:
                throw new ArgumentException($"unknown storage '{provider}': Memory, Sqlite or PostgreSql", nameof(provider));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
