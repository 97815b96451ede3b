using System.Text;
using OrleansStreams.Silo.Tests.Storage.Support;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>
/// The grain storage queries of our scripts against the provider's contract, called exactly as
/// Orleans 10.4.2 calls them. Every scenario runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class GrainStorageQueryTests(StorageBackend backend) : IAsyncLifetime
{
    private readonly OrleansQueryRunner _queries = new(() => backend.OpenConnection()!);

    public Task InitializeAsync() => backend.ApplySchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Write_NoVersionAndNoRow_InsertsVersionOneThatReadsBack()
    {
        var id = NewGrain();

        Assert.Equal(1, await _queries.WriteAsync(id, null, Payload("first")));

        var read = await _queries.ReadAsync(id);
        Assert.Equal(("first", 1), (Text(read!.Value.Payload), read.Value.Version));
    }

    [Fact]
    public async Task Write_CurrentVersion_UpdatesPayloadAndReportsNextVersion()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));

        Assert.Equal(2, await _queries.WriteAsync(id, 1, Payload("v2")));
        Assert.Equal(3, await _queries.WriteAsync(id, 2, Payload("v3")));

        var read = await _queries.ReadAsync(id);
        Assert.Equal(("v3", 3), (Text(read!.Value.Payload), read.Value.Version));
    }

    [Fact]
    public async Task Write_StaleVersion_ReportsConflictAndKeepsStoredState()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));
        await _queries.WriteAsync(id, 1, Payload("v2"));

        Assert.Null(await _queries.WriteAsync(id, 1, Payload("zombie")));

        var read = await _queries.ReadAsync(id);
        Assert.Equal(("v2", 2), (Text(read!.Value.Payload), read.Value.Version));
    }

    [Fact]
    public async Task Write_NoVersionWhenRowExists_ReportsConflictEvenForClearedRow()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));

        Assert.Null(await _queries.WriteAsync(id, null, Payload("second first write")));
        Assert.Equal(2, await _queries.ClearAsync(id, 1));
        Assert.Null(await _queries.WriteAsync(id, null, Payload("after clear")));

        Assert.Equal(1, await CountRowsAsync(id));
    }

    [Fact]
    public async Task Write_VersionWithoutRow_ReportsConflictAndInsertsNothing()
    {
        var id = NewGrain();

        Assert.Null(await _queries.WriteAsync(id, 7, Payload("lost")));

        Assert.Null(await _queries.ReadAsync(id));
        Assert.Equal(0, await CountRowsAsync(id));
    }

    [Fact]
    public async Task Clear_CurrentVersion_NullsPayloadBumpsVersionAndAllowsNextWrite()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));

        Assert.Equal(2, await _queries.ClearAsync(id, 1));

        var read = await _queries.ReadAsync(id);
        Assert.Equal((null, 2), (read!.Value.Payload, read.Value.Version));
        Assert.Equal(3, await _queries.WriteAsync(id, 2, Payload("v3")));
    }

    [Fact]
    public async Task Clear_StaleVersion_ReportsConflictAndKeepsPayload()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));
        await _queries.WriteAsync(id, 1, Payload("v2"));

        Assert.Null(await _queries.ClearAsync(id, 1));

        Assert.Equal("v2", Text((await _queries.ReadAsync(id))!.Value.Payload));
    }

    [Fact]
    public async Task Delete_CurrentVersion_RemovesRowReportsAnotherVersionAndAllowsFreshInsert()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));
        await _queries.WriteAsync(id, 1, Payload("v2"));

        var reported = await _queries.DeleteAsync(id, 2);

        Assert.NotNull(reported);
        Assert.NotEqual(2, reported);
        Assert.Null(await _queries.ReadAsync(id));
        Assert.Equal(1, await _queries.WriteAsync(id, null, Payload("again")));
    }

    [Fact]
    public async Task Delete_StaleVersion_ReportsConflictAndKeepsRow()
    {
        var id = NewGrain();
        await _queries.WriteAsync(id, null, Payload("v1"));

        Assert.Null(await _queries.DeleteAsync(id, 5));
        Assert.Null(await _queries.DeleteAsync(id, null));

        Assert.Equal(1, await CountRowsAsync(id));
    }

    [Fact]
    public async Task Write_ExtensionsDifferingOnlyInCase_AreDifferentGrains()
    {
        var key = $"Key-{Guid.NewGuid():N}";
        var upper = GrainIdentity.ForStringKey(key) with { Hash = 42 };
        var lower = upper with { Extension = key.ToLowerInvariant() };

        Assert.Equal(1, await _queries.WriteAsync(upper, null, Payload("upper")));
        Assert.Equal(1, await _queries.WriteAsync(lower, null, Payload("lower")));

        Assert.Equal("upper", Text((await _queries.ReadAsync(upper))!.Value.Payload));
        Assert.Equal("lower", Text((await _queries.ReadAsync(lower))!.Value.Payload));
    }

    [Fact]
    public async Task Write_NullAndEmptyExtension_AreDifferentGrains()
    {
        var withNull = new GrainIdentity(0, 0, Random.Shared.NextInt64(), 0, "snapshot", null, $"svc-{Guid.NewGuid():N}");
        var withEmpty = withNull with { Extension = string.Empty };

        Assert.Equal(1, await _queries.WriteAsync(withNull, null, Payload("null")));
        Assert.Equal(1, await _queries.WriteAsync(withEmpty, null, Payload("empty")));
        Assert.Equal(2, await _queries.WriteAsync(withNull, 1, Payload("null 2")));

        Assert.Equal("null 2", Text((await _queries.ReadAsync(withNull))!.Value.Payload));
        Assert.Equal("empty", Text((await _queries.ReadAsync(withEmpty))!.Value.Payload));
    }

    [Fact]
    public async Task Write_CollidingHashes_KeepsEveryGrainApart()
    {
        var a = NewGrain() with { Hash = 7, TypeHash = 9 };
        GrainIdentity[] others =
        [
            a with { Extension = a.Extension + "-b" },
            a with { N1 = 1 },
            a with { N0 = 1 },
            a with { Type = "other-state" },
            a with { ServiceId = "other-service" },
        ];

        Assert.Equal(1, await _queries.WriteAsync(a, null, Payload("a")));
        for (var i = 0; i < others.Length; i++)
        {
            Assert.Equal(1, await _queries.WriteAsync(others[i], null, Payload($"other {i}")));
        }

        Assert.Equal(2, await _queries.WriteAsync(a, 1, Payload("a2")));
        Assert.Equal("a2", Text((await _queries.ReadAsync(a))!.Value.Payload));
        for (var i = 0; i < others.Length; i++)
        {
            var read = await _queries.ReadAsync(others[i]);
            Assert.Equal(($"other {i}", 1), (Text(read!.Value.Payload), read.Value.Version));
        }
    }

    [Fact]
    public async Task Write_ConcurrentFirstWrites_ExactlyOneInserts()
    {
        var id = NewGrain();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => _queries.WriteAsync(id, null, Payload($"writer {i}")))));

        Assert.Single(results, r => r == 1);
        Assert.Equal(7, results.Count(r => r is null));
        Assert.Equal(1, await CountRowsAsync(id));
    }

    private static GrainIdentity NewGrain() => GrainIdentity.ForStringKey($"pipeline/{Guid.NewGuid():N}");

    private static byte[] Payload(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? payload) => payload is null ? null : Encoding.UTF8.GetString(payload);

    private Task<long> CountRowsAsync(GrainIdentity id) =>
        backend.CountAsync($"SELECT count(*) FROM OrleansStreamsGrainState WHERE GrainIdExtensionString = '{id.Extension}' AND ServiceId = '{id.ServiceId}'");
}

public sealed class SqliteGrainStorageQueryTests(SqliteBackend backend)
    : GrainStorageQueryTests(backend), IClassFixture<SqliteBackend>;

public sealed class PostgreSqlGrainStorageQueryTests(PostgreSqlBackend backend)
    : GrainStorageQueryTests(backend), IClassFixture<PostgreSqlBackend>;
