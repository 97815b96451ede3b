using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Queries;
using OrleansStreams.Records;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>
/// The partition state grain on a real silo with the shipped SQLite key state store: it loads what a
/// checkpoint wrote, refuses other generations, and dead-letters keys another partition stored.
/// </summary>
public sealed class PartitionStateGrainTests : IAsyncLifetime
{
    /// <summary>A minute boundary, so one-minute windows start here.</summary>
    private const long T0 = 1_764_000_000_000;

    private readonly SqliteTestFile _file = SqliteTestFile.Create("orleansstreams-stategrain");
    private InProcessTestCluster _cluster = null!;

    private IKeyStateStore Store => _cluster.Silos[0].ServiceProvider.GetRequiredService<IKeyStateStore>();

    public async Task InitializeAsync()
    {
        var settings = StorageSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = _file.ConnectionString,
        }).Build());
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "state-grain-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddOrleansStreamsStorage(settings);
            silo.Services.AddSingleton(new PipelineRegistry([DemoPipeline.Create()]));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task Begin_NextGenerationAfterACheckpoint_LoadsItsKeysAndTheirWindowsContinue()
    {
        var grain = Grain(0);
        var first = await Store.BeginGenerationAsync(DemoPipeline.Name, 0);
        Assert.Equal(0, await grain.Begin(Begin(first)));
        Assert.Equal(StateCallStatus.Done, await grain.Apply(Batch(first, (0, "a", T0 + 1_000, 2), (1, "b", T0 + 2_000, 3), (2, "a", T0 + 3_000, 4))));
        var checkpoint = await grain.Flush(Flush(first, epoch: 1, endOffset: 3, streamTime: T0 + 3_000, checkpoint: true));
        await Store.WriteCheckpointAsync(DemoPipeline.Name, 0, first, 1, checkpoint.Rows);

        var second = await Store.BeginGenerationAsync(DemoPipeline.Name, 0);
        var loaded = await grain.Begin(Begin(second));
        Assert.Equal(StateCallStatus.Done, await grain.Apply(Batch(second, (2, "a", T0 + 3_000, 400), (3, "a", T0 + 4_000, 6), (4, "b", T0 + 75_000, 1))));
        var closed = await grain.Flush(Flush(second, epoch: 2, endOffset: 5, streamTime: T0 + 75_000, checkpoint: false));

        Assert.Equal((StateCallStatus.Done, 2), (checkpoint.Status, checkpoint.Rows.Count));
        Assert.Equal(2, loaded);
        Assert.Equal(
            [$"sensor@{T0}: a count 3 sum 12", $"sensor@{T0}: b count 1 sum 3"],
            closed.Outputs.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apply_OtherGenerations_AreRefusedAndChangeNothing()
    {
        var grain = Grain(1);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 1);

        var beforeBegin = await grain.Apply(Batch(generation, (0, "a", T0 + 1_000, 1)));
        await grain.Begin(Begin(generation));
        var stale = await grain.Apply(Batch(generation - 1, (0, "a", T0 + 1_000, 1)));
        var newer = await grain.Apply(Batch(generation + 1, (0, "a", T0 + 1_000, 1)));
        var flushStale = await grain.Flush(Flush(generation - 1, epoch: 1, endOffset: 1, streamTime: T0 + 1_000, checkpoint: true));
        var flush = await grain.Flush(Flush(generation, epoch: 1, endOffset: 1, streamTime: T0 + 1_000, checkpoint: true));

        Assert.Equal(StateCallStatus.NotBegun, beforeBegin);
        Assert.Equal(StateCallStatus.StaleGeneration, stale);
        Assert.Equal(StateCallStatus.NotBegun, newer);
        Assert.Equal(StateCallStatus.StaleGeneration, flushStale.Status);
        Assert.Equal((StateCallStatus.Done, 0), (flush.Status, flush.Rows.Count));
    }

    [Fact]
    public async Task Release_ThenApply_IsRefusedAsNotBegun()
    {
        var grain = Grain(2);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 2);
        await grain.Begin(Begin(generation));
        Assert.Equal(StateCallStatus.Done, await grain.Apply(Batch(generation, (0, "a", T0 + 1_000, 1))));

        await grain.Release(generation);

        // The grain deactivates once idle; a reactivated grain has lost its memory and must not take records.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        StateCallStatus status;
        while ((status = await grain.Apply(Batch(generation, (1, "a", T0 + 2_000, 1)))) == StateCallStatus.Done)
        {
            Assert.True(DateTime.UtcNow < deadline, "the grain kept the generation after it was released");
            await Task.Delay(50);
        }

        Assert.Equal(StateCallStatus.NotBegun, status);
    }

    [Fact]
    public async Task Apply_KeyStoredByAnotherPartition_IsDeadLetteredNamingItsOwnerAndNotHeld()
    {
        var owner = await Store.BeginGenerationAsync(DemoPipeline.Name, 3);
        var grain3 = Grain(3);
        await grain3.Begin(Begin(owner));
        await grain3.Apply(Batch(owner, (0, "shared", T0 + 1_000, 1)));
        var rows = (await grain3.Flush(Flush(owner, epoch: 1, endOffset: 1, streamTime: T0 + 1_000, checkpoint: true))).Rows;
        await Store.WriteCheckpointAsync(DemoPipeline.Name, 3, owner, 1, rows);

        var grain4 = Grain(4);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 4);
        await grain4.Begin(Begin(generation));
        await grain4.Apply(Batch(generation, (10, "shared", T0 + 2_000, 5), (11, "own", T0 + 2_000, 7)));
        var flush = await grain4.Flush(Flush(generation, epoch: 1, endOffset: 12, streamTime: T0 + 2_000, checkpoint: true));

        var deadLetter = Assert.Single(flush.Outputs);
        Assert.Equal((OutputKind.DeadLetter, 10L), (deadLetter.Kind, deadLetter.CausingOffset));
        Assert.Equal(
            "key 'shared' belongs to partition 3, not 4: the input topic is not partitioned by this pipeline's key",
            Encoding.UTF8.GetString(deadLetter.Headers!.Single(h => h.Key == StreamHeaders.DeadLetterReason).Value!));
        Assert.Equal(["own"], flush.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task Disown_HeldKey_DropsItAndDeadLettersItsLaterRecords()
    {
        var grain = Grain(5);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 5);
        await grain.Begin(Begin(generation));
        await grain.Apply(Batch(generation, (0, "k", T0 + 1_000, 1)));

        await grain.Disown(generation, [new("k", 6)]);
        await grain.Apply(Batch(generation, (1, "k", T0 + 2_000, 1)));
        var flush = await grain.Flush(Flush(generation, epoch: 1, endOffset: 2, streamTime: T0 + 80_000, checkpoint: true));

        Assert.Equal([(OutputKind.DeadLetter, 1L)], flush.Outputs.Select(o => (o.Kind, o.CausingOffset)));
        Assert.Empty(flush.Rows);
        Assert.Equal(0, flush.KeysHeld);
    }

    [Fact]
    public async Task Query_ActivationNoGenerationBegan_AnswersNotRunning()
    {
        var answer = await Grain(6).Query(new PartitionQuery { Keys = ["a"] });

        Assert.Equal(PartitionQueryStatus.NotRunning, answer.Status);
        Assert.Empty(answer.Keys);
    }

    [Fact]
    public async Task Query_EpochAppliedNotCommitted_CommittedLeavesItOutLatestHasIt()
    {
        var grain = Grain(7);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 7);
        await grain.Begin(new StateBegin { Generation = generation, CommittedEpoch = 3, CommittedOffset = 0, CommittedStreamTime = long.MinValue, ReplayFrom = 0 });
        await grain.Apply(Batch(generation, 4, (0, "a", T0 + 1_000, 2), (1, "a", T0 + 2_000, 3)));
        await grain.Flush(Flush(generation, epoch: 4, endOffset: 2, streamTime: T0 + 2_000, checkpoint: false));
        await grain.Apply(Batch(generation, 5, (2, "a", T0 + 3_000, 4)));

        var committed = await grain.Query(new PartitionQuery { Keys = ["a", "b"], Consistency = QueryConsistency.Committed });
        var latest = await grain.Query(new PartitionQuery { Keys = ["a"], Consistency = QueryConsistency.Latest });
        await grain.Committed(generation, 4, 2, T0 + 2_000);
        var afterCommit = await WaitFor(grain, QueryConsistency.Committed, a => a.Epoch == 4);

        Assert.Equal((PartitionQueryStatus.Answered, 3L, 0L), (committed.Status, committed.Epoch, committed.Offset));
        Assert.Equal([false, false], committed.Keys.Select(k => k.Found));
        Assert.Equal((3L, 3L, 3L), (latest.Epoch, latest.Offset, Count(latest.Keys[0])));
        Assert.Equal((generation, 2L, T0 + 2_000, 2L), (afterCommit.Generation, afterCommit.Offset, afterCommit.StreamTime, Count(afterCommit.Keys[0])));
        Assert.False(afterCommit.Keys[0].Windows[0].Final);
    }

    [Fact]
    public async Task Query_CheckpointEpochAbortedAfterItsFlushAndWrite_TheNextGenerationNeverAnswersWithItsRecords()
    {
        var grain = Grain(9);
        var first = await Store.BeginGenerationAsync(DemoPipeline.Name, 9);
        await grain.Begin(new StateBegin { Generation = first, CommittedEpoch = 3, CommittedOffset = -1, CommittedStreamTime = long.MinValue, ReplayFrom = -1 });
        await grain.Apply(Batch(first, 4, (0, "a", T0 + 1_000, 2), (1, "a", T0 + 2_000, 3)));
        var flushed = await grain.Flush(Flush(first, epoch: 4, endOffset: 2, streamTime: T0 + 2_000, checkpoint: true));
        await Store.WriteCheckpointAsync(DemoPipeline.Name, 9, first, 4, flushed.Rows);

        // Epoch 4's Kafka transaction never commits (its committer is fenced): the next generation starts from epoch 3,
        // with epoch 4's checkpoint rows already in the store, and its committer rolls them back as it starts
        // (the committed offset's metadata names no checkpoint yet).
        var second = await Store.BeginGenerationAsync(DemoPipeline.Name, 9);
        await Store.RollBackAsync(DemoPipeline.Name, 9, second, checkpoint: 0);
        var loaded = await grain.Begin(new StateBegin { Generation = second, CommittedEpoch = 3, CommittedOffset = -1, CommittedStreamTime = long.MinValue, ReplayFrom = -1 });
        var committedAfterAbort = await grain.Query(new PartitionQuery { Keys = ["a"], Consistency = QueryConsistency.Committed });
        var latestAfterAbort = await grain.Query(new PartitionQuery { Keys = ["a"], Consistency = QueryConsistency.Latest });
        await grain.Apply(Batch(second, 4, (0, "a", T0 + 1_000, 2)));
        await grain.Flush(Flush(second, epoch: 4, endOffset: 1, streamTime: T0 + 1_000, checkpoint: false));
        await grain.Committed(second, 4, 1, T0 + 1_000);
        var replayed = await WaitFor(grain, QueryConsistency.Committed, a => a.Epoch == 4);

        Assert.Equal((StateCallStatus.Done, 1), (flushed.Status, flushed.Rows.Count));
        Assert.Equal(0, loaded);
        Assert.Equal((PartitionQueryStatus.Answered, 3L, false), (committedAfterAbort.Status, committedAfterAbort.Epoch, committedAfterAbort.Keys[0].Found));
        Assert.False(latestAfterAbort.Keys[0].Found);
        Assert.Equal((second, 1L, 1L), (replayed.Generation, replayed.Offset, Count(replayed.Keys[0])));
    }

    [Fact]
    public async Task Query_ReplayBelowTheCommittedOffset_AnswersNotYetUntilItPassesIt()
    {
        var grain = Grain(8);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 8);
        await grain.Begin(new StateBegin { Generation = generation, CommittedEpoch = 2, CommittedOffset = 3, CommittedStreamTime = T0 + 3_000, ReplayFrom = 0 });
        await grain.Apply(Batch(generation, 3, (0, "a", T0 + 1_000, 1), (1, "a", T0 + 2_000, 1)));
        var replaying = await grain.Query(new PartitionQuery { Keys = ["a"] });
        await grain.Apply(Batch(generation, 3, (2, "a", T0 + 3_000, 1), (3, "a", T0 + 4_000, 1)));

        var committed = await grain.Query(new PartitionQuery { Keys = ["a"] });

        Assert.Equal(PartitionQueryStatus.NotYet, replaying.Status);
        Assert.Equal((PartitionQueryStatus.Answered, 2L, 3L, 3L), (committed.Status, committed.Epoch, committed.Offset, Count(committed.Keys[0])));
    }

    [Fact]
    public async Task Query_ReplayWhoseLastCommittedRecordsNeverReachedTheGrain_AnswersOnceTheAgentSaysTheReplayIsComplete()
    {
        // Offsets 2 and 3 were dead-lettered by the agent (an unreadable key, say): the grain never sees them.
        var grain = Grain(10);
        var generation = await Store.BeginGenerationAsync(DemoPipeline.Name, 10);
        await grain.Begin(new StateBegin { Generation = generation, CommittedEpoch = 2, CommittedOffset = 4, CommittedStreamTime = T0 + 2_000, ReplayFrom = 0 });
        await grain.Apply(Batch(generation, 3, (0, "a", T0 + 1_000, 1), (1, "a", T0 + 2_000, 1)));
        var replaying = await grain.Query(new PartitionQuery { Keys = ["a"] });
        await grain.ReplayedTo(generation - 1, 4); // an older generation's agent: ignored
        var stale = await grain.Query(new PartitionQuery { Keys = ["a"] });

        await grain.ReplayedTo(generation, 4);

        var committed = await WaitFor(grain, QueryConsistency.Committed, a => a.Status == PartitionQueryStatus.Answered);
        Assert.Equal((PartitionQueryStatus.NotYet, PartitionQueryStatus.NotYet), (replaying.Status, stale.Status));
        Assert.Equal((2L, 4L, 2L), (committed.Epoch, committed.Offset, Count(committed.Keys[0])));
    }

    private static async Task<PartitionQueryAnswer> WaitFor(IPartitionQueryGrain grain, QueryConsistency consistency, Func<PartitionQueryAnswer, bool> condition)
    {
        // Committed is a one-way call: its effect is visible a moment later.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var answer = await grain.Query(new PartitionQuery { Keys = ["a"], Consistency = consistency });
            if (condition(answer))
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, "the grain never reached the condition");
            await Task.Delay(20);
        }
    }

    private static long Count(StoredKeyWindows key)
    {
        using var json = System.Text.Json.JsonDocument.Parse(Assert.Single(key.Windows).Result);
        return json.RootElement.GetProperty("count").GetInt64();
    }

    private IPartitionStateGrain Grain(int partition) =>
        _cluster.Client.GetGrain<IPartitionStateGrain>(PartitionStateGrainId.Of(DemoPipeline.Name, partition));

    private static StateBatch Batch(long generation, params (long Offset, string Key, long EventTime, double Value)[] records) => Batch(generation, 1, records);

    private static StateBatch Batch(long generation, long epoch, params (long Offset, string Key, long EventTime, double Value)[] records) => new()
    {
        Generation = generation,
        Records = [.. records.Select(r => new StreamRecord(
            r.Offset, r.EventTime, r.EventTime, records.Where(o => o.Offset <= r.Offset).Max(o => o.EventTime),
            Encoding.UTF8.GetBytes(r.Key), Encoding.UTF8.GetBytes(FormattableString.Invariant($$"""{"value": {{r.Value}}}""")), null))],
        Keys = [.. records.Select(r => r.Key)],
        Epoch = epoch,
    };

    private static StateBegin Begin(long generation) =>
        new() { Generation = generation, CommittedEpoch = 0, CommittedOffset = -1, CommittedStreamTime = long.MinValue, ReplayFrom = -1 };

    private static StateFlush Flush(long generation, long epoch, long endOffset, long streamTime, bool checkpoint) =>
        new() { Generation = generation, Epoch = epoch, EndOffset = endOffset, StreamTime = streamTime, Checkpoint = checkpoint };

    /// <summary>"sensor@start: key count n sum s" from a demo (stats) result.</summary>
    private static string Describe(OutputRecord output)
    {
        using var json = System.Text.Json.JsonDocument.Parse(output.Value!);
        var root = json.RootElement;
        var start = Encoding.UTF8.GetString(output.Key!).Split('@')[1];
        return FormattableString.Invariant($"sensor@{start}: {root.GetProperty("key").GetString()} count {root.GetProperty("count").GetInt64()} sum {root.GetProperty("sum").GetDouble()}");
    }
}
