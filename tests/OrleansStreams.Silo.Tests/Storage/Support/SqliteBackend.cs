using System.Data.Common;
using OrleansStreams.Storage;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage.Support;

public sealed class SqliteBackend : StorageBackend
{
    private readonly SqliteTestFile _file = SqliteTestFile.Create("orleansstreams-storage", "data");

    public override DbConnection OpenConnection()
    {
        // The same connections Orleans gets: pooled, with the per-connection pragmas.
        using var source = new SqliteStateDataSource(Settings.ConnectionString!);
        return source.OpenConnection();
    }

    public override Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<Dictionary<string, string?>> CreateDatabaseAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = _file.ConnectionString,
        });
}
