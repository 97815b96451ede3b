using Orleans.Storage;
using OrleansStreams.Silo.Tests.Storage.Support;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>
/// Grain state through the silo's real storage provider (<see cref="OrleansStreams.Storage.StorageNames.State"/>),
/// once on each backend: SQLite, PostgreSQL and Memory.
/// </summary>
public abstract class GrainStorageTests<TBackend>(StorageClusterFixture<TBackend> fixture)
    where TBackend : StorageBackend, new()
{
    private const string StateName = "provider-test";

    [Fact]
    public async Task WriteState_NewGrain_ReadStateReturnsStateAndETag()
    {
        var grainId = NewGrainId();
        var written = new GrainState<StorageTestState>(new StorageTestState { Value = "hello" });

        await fixture.GrainStorage.WriteStateAsync(StateName, grainId, written);

        var read = Empty();
        await fixture.GrainStorage.ReadStateAsync(StateName, grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal("hello", read.State!.Value);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteState_StaleETag_ThrowsInconsistentStateException()
    {
        var grainId = NewGrainId();
        var current = new GrainState<StorageTestState>(new StorageTestState { Value = "v1" });
        await fixture.GrainStorage.WriteStateAsync(StateName, grainId, current);
        var stale = new GrainState<StorageTestState>(new StorageTestState { Value = "zombie" }) { ETag = current.ETag, RecordExists = true };
        current.State!.Value = "v2";
        await fixture.GrainStorage.WriteStateAsync(StateName, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => fixture.GrainStorage.WriteStateAsync(StateName, grainId, stale));

        var read = Empty();
        await fixture.GrainStorage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal("v2", read.State!.Value);
    }

    [Fact]
    public async Task WriteState_SecondFirstWrite_ThrowsInconsistentStateException()
    {
        var grainId = NewGrainId();
        await fixture.GrainStorage.WriteStateAsync(StateName, grainId, new GrainState<StorageTestState>(new StorageTestState { Value = "first" }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            fixture.GrainStorage.WriteStateAsync(StateName, grainId, new GrainState<StorageTestState>(new StorageTestState { Value = "second" })));
    }

    [Fact]
    public async Task ClearState_WrittenState_ReadsAsNoRecordAndNextWriteSucceeds()
    {
        var grainId = NewGrainId();
        var state = new GrainState<StorageTestState>(new StorageTestState { Value = "v1" });
        await fixture.GrainStorage.WriteStateAsync(StateName, grainId, state);

        await fixture.GrainStorage.ClearStateAsync(StateName, grainId, state);

        var read = Empty();
        await fixture.GrainStorage.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Value);
        read.State!.Value = "after clear";
        await fixture.GrainStorage.WriteStateAsync(StateName, grainId, read);
        var again = Empty();
        await fixture.GrainStorage.ReadStateAsync(StateName, grainId, again);
        Assert.Equal("after clear", again.State!.Value);
    }

    [Fact]
    public async Task Set_KeysDifferingOnlyInCase_AreSeparateGrainStates()
    {
        var key = $"Pipeline/Key-{Guid.NewGuid():N}";
        var upper = fixture.Cluster.Client.GetGrain<IStorageTestGrain>(key);
        var lower = fixture.Cluster.Client.GetGrain<IStorageTestGrain>(key.ToLowerInvariant());
        await upper.Set("upper");
        await lower.Set("lower");

        await fixture.Cluster.DeactivateAsync(upper);
        await fixture.Cluster.DeactivateAsync(lower);

        Assert.Equal("upper", (await upper.Get()).Value);
        Assert.Equal("lower", (await lower.Get()).Value);
    }

    [Fact]
    public async Task Set_GrainDeactivated_StateIsReadBackOnReactivation()
    {
        var grain = fixture.Cluster.Client.GetGrain<IStorageTestGrain>($"pipeline/{Guid.NewGuid():N}");
        await grain.Set("one");
        await grain.Set("two");

        await fixture.Cluster.DeactivateAsync(grain);

        var state = await grain.Get();
        Assert.Equal(("two", 2), (state.Value, state.Writes));
    }

    [Fact]
    public async Task Set_200GrainsWriting20TimesConcurrently_CompletesWithoutErrors()
    {
        const int grains = 200;
        const int writes = 20;
        var prefix = $"concurrent-{Guid.NewGuid():N}/";
        var padding = new string('x', 200);

        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, grains).Select(async g =>
        {
            var grain = fixture.Cluster.Client.GetGrain<IStorageTestGrain>(prefix + g);
            for (var w = 1; w <= writes; w++)
            {
                try
                {
                    await grain.Set($"{padding}{w}");
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        Assert.Equal(0, failures);
        if (fixture.Backend.IsDurable)
        {
            Assert.Equal(grains, await fixture.Backend.CountAsync(
                $"SELECT count(*) FROM OrleansStreamsGrainState WHERE GrainIdExtensionString LIKE '{prefix}%' AND Version = {writes} AND PayloadBinary IS NOT NULL"));
        }
    }

    private static GrainState<StorageTestState> Empty() => new(new StorageTestState());

    private static GrainId NewGrainId() => GrainId.Create("storagetest", $"pipeline/{Guid.NewGuid():N}");
}

public sealed class SqliteGrainStorageTests(StorageClusterFixture<SqliteBackend> fixture)
    : GrainStorageTests<SqliteBackend>(fixture), IClassFixture<StorageClusterFixture<SqliteBackend>>;

public sealed class PostgreSqlGrainStorageTests(StorageClusterFixture<PostgreSqlBackend> fixture)
    : GrainStorageTests<PostgreSqlBackend>(fixture), IClassFixture<StorageClusterFixture<PostgreSqlBackend>>;

public sealed class MemoryGrainStorageTests(StorageClusterFixture<MemoryBackend> fixture)
    : GrainStorageTests<MemoryBackend>(fixture), IClassFixture<StorageClusterFixture<MemoryBackend>>;
