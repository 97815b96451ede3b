using System.Runtime.InteropServices;
using System.Text;
using OrleansStreams.Grains.State;
using static OrleansStreams.Silo.Tests.Storage.KeyState.KeyStateTestData;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>
/// The behaviour of <see cref="IKeyStateStore"/>, the same tests on each backend: SQLite (a real
/// file), PostgreSQL (a scratch database) and Memory (the grain, in an in-process silo).
/// </summary>
public sealed class KeyStateStoreTests(KeyStateStoreFixture fixture) : IClassFixture<KeyStateStoreFixture>
{
    public static TheoryData<KeyStateBackend> Backends => [KeyStateBackend.Sqlite, KeyStateBackend.PostgreSql, KeyStateBackend.Memory];

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_NewKeys_LoadAsyncReturnsThemAndBytesWritten(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);

        var result = await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "one"), ("b", "two"), ("c", "")));

        Assert.Empty(result.Foreign);
        Assert.Equal(6, result.BytesWritten);
        Assert.Equal(Expected(("a", "one"), ("b", "two"), ("c", "")), await LoadAsync(store, pipeline, 0));
        Assert.Empty(await LoadAsync(store, pipeline, 1));
        Assert.Empty(await LoadAsync(store, NewPipeline(), 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_KeysDifferingOnlyInCase_AreSeparateKeys(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);

        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("key", "lower"), ("KEY", "upper"), ("clé", "accent")));

        Assert.Equal(Expected(("key", "lower"), ("KEY", "upper"), ("clé", "accent")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_KeyRewrittenAfterCheckpoint_RestoresPreviousVersion(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1"), ("b", "b1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 3, Rows(("a", "a3"), ("b", "b3")));

        await store.RollBackAsync(pipeline, 0, generation, 2);

        Assert.Equal(Expected(("a", "a2"), ("b", "b1")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_KeyFirstWrittenAfterCheckpoint_DeletesItAndItsOwnership(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("kept", "k1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("new", "n2")));

        await store.RollBackAsync(pipeline, 0, generation, 1);

        Assert.Equal(Expected(("kept", "k1")), await LoadAsync(store, pipeline, 0));
        Assert.Equal(new Dictionary<string, int> { ["kept"] = 0 }, await store.FindOwnersAsync(pipeline, ["kept", "new"]));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_AfterRollBackAndRewrite_RestoresTheCommittedVersionAgain(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2 lost")));
        await store.RollBackAsync(pipeline, 0, generation, 1);
        generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2 again")));
        Assert.Equal(Expected(("a", "a2 again")), await LoadAsync(store, pipeline, 0));

        await store.RollBackAsync(pipeline, 0, generation, 1);

        Assert.Equal(Expected(("a", "a1")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_ToCheckpointZero_KeepsNothingOfThePartitionOnly(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var g0 = await store.BeginGenerationAsync(pipeline, 0);
        var g1 = await store.BeginGenerationAsync(pipeline, 1);
        await store.WriteCheckpointAsync(pipeline, 0, g0, 1, Rows(("a", "a1"), ("b", "b1")));
        await store.WriteCheckpointAsync(pipeline, 0, g0, 2, Rows(("a", "a2"), ("c", null)));
        await store.WriteCheckpointAsync(pipeline, 1, g1, 1, Rows(("other", "o1")));

        await store.RollBackAsync(pipeline, 0, g0, 0);

        Assert.Empty(await LoadAsync(store, pipeline, 0));
        Assert.Equal(new Dictionary<string, int> { ["other"] = 1 }, await store.FindOwnersAsync(pipeline, ["a", "b", "c", "other"]));
        Assert.Equal(Expected(("other", "o1")), await LoadAsync(store, pipeline, 1));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_NullData_DeletesKeyButKeepsItsOwnership(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("gone", "g1"), ("stays", "s1")));

        var result = await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("gone", null), ("never", null)));

        Assert.Equal(0, result.BytesWritten);
        Assert.Equal(Expected(("stays", "s1")), await LoadAsync(store, pipeline, 0));
        Assert.Equal(new Dictionary<string, int> { ["gone"] = 0, ["never"] = 0, ["stays"] = 0 }, await store.FindOwnersAsync(pipeline, ["gone", "never", "stays"]));
        var g1 = await store.BeginGenerationAsync(pipeline, 1);
        var claimed = await store.WriteCheckpointAsync(pipeline, 1, g1, 1, Rows(("gone", "by partition 1")));
        Assert.Equal(new[] { new KeyValuePair<string, int>("gone", 0) }, claimed.Foreign);
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_DeletionAfterCheckpoint_RestoresTheKey(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", null)));

        await store.RollBackAsync(pipeline, 0, generation, 1);

        Assert.Equal(Expected(("a", "a1")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_RewriteOfCommittedDeletion_RestoresTheDeletion(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", null)));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 3, Rows(("a", "a3")));

        await store.RollBackAsync(pipeline, 0, generation, 2);

        Assert.Empty(await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_LaterCheckpoint_PurgesCommittedTombstones(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1"), ("b", "b1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", null)));
        var other = NewPipeline();
        var otherGeneration = await store.BeginGenerationAsync(other, 0);
        await store.WriteCheckpointAsync(other, 0, otherGeneration, 1, Rows(("a", null)));

        await store.WriteCheckpointAsync(pipeline, 0, generation, 3, Rows(("b", "b3")));

        Assert.Empty(await store.FindOwnersAsync(pipeline, ["a"]));
        Assert.Equal(Expected(("b", "b3")), await LoadAsync(store, pipeline, 0));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 0 }, await store.FindOwnersAsync(other, ["a"])); // another pipeline's tombstone stays
        var g1 = await store.BeginGenerationAsync(pipeline, 1);
        Assert.Empty((await store.WriteCheckpointAsync(pipeline, 1, g1, 1, Rows(("a", "now partition 1's")))).Foreign);
        Assert.Equal(Expected(("a", "now partition 1's")), await LoadAsync(store, pipeline, 1));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_TombstoneOfTheCheckpointBeingRewritten_IsNotPurged(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", null)));

        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("b", "b2")));

        Assert.Equal(new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 }, await store.FindOwnersAsync(pipeline, ["a", "b"]));
        await store.RollBackAsync(pipeline, 0, generation, 1);
        Assert.Equal(Expected(("a", "a1")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_SameCheckpointRetried_KeepsTheVersionBeforeIt(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1")));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2")));

        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2 retried")));

        Assert.Equal(Expected(("a", "a2 retried")), await LoadAsync(store, pipeline, 0));
        await store.RollBackAsync(pipeline, 0, generation, 1);
        Assert.Equal(Expected(("a", "a1")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_ManyRowsSomeOwnedElsewhere_OnlyThoseReportedAndLeftAlone(KeyStateBackend backend)
    {
        // Enough rows for several statements of every backend, foreign keys in the first, a middle and the last one.
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var g0 = await store.BeginGenerationAsync(pipeline, 0);
        var g1 = await store.BeginGenerationAsync(pipeline, 1);
        string[] keys = [.. Enumerable.Range(0, 2_345).Select(i => $"k{i:D5}")];
        string[] theirs = [keys[3], keys[130], keys[1_500], keys[^1]];
        await store.WriteCheckpointAsync(pipeline, 0, g0, 1, [.. theirs.Select(k => Row(k, "partition 0's"))]);

        var result = await store.WriteCheckpointAsync(pipeline, 1, g1, 1, [.. keys.Select(k => Row(k, $"value of {k}"))]);

        Assert.Equal(theirs.Select(k => new KeyValuePair<string, int>(k, 0)), result.Foreign.OrderBy(f => f.Key, StringComparer.Ordinal));
        var mine = keys.Except(theirs).ToArray();
        Assert.Equal(mine.Sum(k => (long)Encoding.UTF8.GetByteCount($"value of {k}")), result.BytesWritten);
        Assert.Equal(Expected([.. mine.Select(k => (k, $"value of {k}"))]), await LoadAsync(store, pipeline, 1));
        Assert.Equal(Expected([.. theirs.Select(k => (k, "partition 0's"))]), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_KeyOwnedByAnotherPartition_ReportedForeignAndNotOverwritten(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var g0 = await store.BeginGenerationAsync(pipeline, 0);
        var g1 = await store.BeginGenerationAsync(pipeline, 1);
        await store.WriteCheckpointAsync(pipeline, 0, g0, 1, Rows(("shared", "partition 0's")));

        var result = await store.WriteCheckpointAsync(pipeline, 1, g1, 1, Rows(("mine", "m"), ("shared", "partition 1's")));

        Assert.Equal(new[] { new KeyValuePair<string, int>("shared", 0) }, result.Foreign);
        Assert.Equal(1, result.BytesWritten);
        Assert.Equal(Expected(("shared", "partition 0's")), await LoadAsync(store, pipeline, 0));
        Assert.Equal(Expected(("mine", "m")), await LoadAsync(store, pipeline, 1));
        Assert.Equal(new Dictionary<string, int> { ["shared"] = 0, ["mine"] = 1 }, await store.FindOwnersAsync(pipeline, ["shared", "mine"]));

        // Partition 1 rolling back to 0 does not touch partition 0's key either.
        await store.RollBackAsync(pipeline, 1, g1, 0);
        Assert.Equal(Expected(("shared", "partition 0's")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task FindOwnersAsync_KeysOfSeveralPartitionsAcrossLookupChunks_ReturnsStoredKeysOnly(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var partition = 0; partition < 3; partition++)
        {
            var generation = await store.BeginGenerationAsync(pipeline, partition);
            var keys = Enumerable.Range(0, 700).Select(i => $"p{partition}-k{i}").ToList();
            await store.WriteCheckpointAsync(pipeline, partition, generation, 1, [.. keys.Select(k => Row(k, k))]);
            foreach (var key in keys)
            {
                expected[key] = partition;
            }
        }

        var asked = expected.Keys.Concat(Enumerable.Range(0, 300).Select(i => $"missing-{i}")).Reverse().ToList();
        var owners = await store.FindOwnersAsync(pipeline, asked);

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), owners.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Empty(await store.FindOwnersAsync(pipeline, []));
        Assert.Empty(await store.FindOwnersAsync(NewPipeline(), ["p0-k0"]));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task BeginGenerationAsync_EachCall_ReturnsTheNextGenerationFromOnePerPartition(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();

        var first = await store.BeginGenerationAsync(pipeline, 0);
        var second = await store.BeginGenerationAsync(pipeline, 0);
        var otherPartition = await store.BeginGenerationAsync(pipeline, 1);
        var third = await store.BeginGenerationAsync(pipeline, 0);

        Assert.Equal((1L, 2L, 3L, 1L), (first, second, third, otherPartition));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_OlderGeneration_ThrowsStateFencedAndWritesNothing(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var old = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, old, 1, Rows(("a", "a1"), ("gone", null)));
        var current = await store.BeginGenerationAsync(pipeline, 0);
        Assert.Equal(old + 1, current);

        var fenced = await Assert.ThrowsAsync<StateFencedException>(() =>
            store.WriteCheckpointAsync(pipeline, 0, old, 2, Rows(("a", "zombie"), ("b", "zombie"))));

        Assert.Contains($"generation {old} is older than the current generation {current}", fenced.Message, StringComparison.Ordinal);
        Assert.Equal(Expected(("a", "a1")), await LoadAsync(store, pipeline, 0));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 0, ["gone"] = 0 }, await store.FindOwnersAsync(pipeline, ["a", "b", "gone"]));
        await store.WriteCheckpointAsync(pipeline, 0, current, 2, Rows(("b", "b2")));
        Assert.Equal(Expected(("a", "a1"), ("b", "b2")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task RollBackAsync_OlderGeneration_ThrowsStateFencedAndKeepsState(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var old = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, old, 1, Rows(("a", "a1")));
        await store.WriteCheckpointAsync(pipeline, 0, old, 2, Rows(("a", "a2")));
        await store.BeginGenerationAsync(pipeline, 0);

        await Assert.ThrowsAsync<StateFencedException>(() => store.RollBackAsync(pipeline, 0, old, 1));

        Assert.Equal(Expected(("a", "a2")), await LoadAsync(store, pipeline, 0));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_GenerationNeverBegun_ThrowsStateFenced(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();

        await Assert.ThrowsAsync<StateFencedException>(() => store.WriteCheckpointAsync(pipeline, 0, 1, 1, Rows(("a", "a1"))));
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await Assert.ThrowsAsync<StateFencedException>(() => store.WriteCheckpointAsync(pipeline, 0, generation + 1, 1, Rows(("a", "a1"))));
        await Assert.ThrowsAsync<StateFencedException>(() => store.RollBackAsync(pipeline, 0, generation + 1, 0));

        Assert.Empty(await store.FindOwnersAsync(pipeline, ["a"]));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_DuplicateKey_ThrowsArgumentExceptionAndWritesNothing(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "1"), ("b", "2"), ("a", "3"))));

        Assert.Empty(await store.FindOwnersAsync(pipeline, ["a", "b"]));
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteCheckpointAsync_HundredThousandRows_LoadsBackExactly(KeyStateBackend backend)
    {
        const int count = 100_000;
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 3);
        var random = new Random(7);
        var rows = new KeyStateRow[count];
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var data = new byte[100 + random.Next(200)];
            random.NextBytes(data);
            BitConverter.TryWriteBytes(data, i);
            rows[i] = new KeyStateRow($"sensor-{i:x}", data);
            bytes += data.Length;
        }

        var result = await store.WriteCheckpointAsync(pipeline, 3, generation, 1, rows);

        Assert.Empty(result.Foreign);
        Assert.Equal(bytes, result.BytesWritten);
        var expected = rows.ToDictionary(r => r.Key, r => r.Data.ToArray(), StringComparer.Ordinal);
        var loaded = 0;
        await foreach (var row in store.LoadAsync(pipeline, 3))
        {
            Assert.True(expected.Remove(row.Key, out var data), $"unexpected or repeated key {row.Key}");
            Assert.Equal(data, row.Data.ToArray());
            loaded++;
        }

        Assert.Equal(count, loaded);
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task LoadAsync_DataReturned_IsNotSharedWithTheStore(KeyStateBackend backend)
    {
        var store = fixture.Store(backend);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        var written = Row("a", "original");
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, [written]);
        MemoryMarshal.AsMemory(written.Data).Span[0] = (byte)'X';

        await foreach (var row in store.LoadAsync(pipeline, 0))
        {
            MemoryMarshal.AsMemory(row.Data).Span[1] = (byte)'X';
        }

        Assert.Equal("original", Encoding.UTF8.GetString((await store.LoadAsync(pipeline, 0).SingleAsync()).Data.Span));
    }
}
