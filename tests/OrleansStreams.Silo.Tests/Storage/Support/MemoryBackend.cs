using System.Data.Common;

namespace OrleansStreams.Silo.Tests.Storage.Support;

public sealed class MemoryBackend : StorageBackend
{
    public override DbConnection? OpenConnection() => null;

    protected override Task<Dictionary<string, string?>> CreateDatabaseAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
}
