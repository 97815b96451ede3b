using System.Collections.Concurrent;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.State;
using OrleansStreams.Ingress;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;

namespace OrleansStreams.Silo.Tests.Ingress;

/// <summary>A windowed pipeline's generation: records go to the partition state grain in offset order, replays rebuild state only.</summary>
public sealed class PartitionStateRunTests
{
    [Fact]
    public async Task RunAsync_ManyKeys_EveryRecordOnceInOffsetOrderOneCallAtATime()
    {
        await using var h = new StateRunHarness();
        const int records = 5_000;
        for (var offset = 0; offset < records; offset += 100)
        {
            h.Source.Write([.. Enumerable.Range(offset, 100).Select(o => FakeSource.Record(o, $"key-{o % 37}"))]);
        }

        await h.WaitUntil(() => h.State.Offsets.Count == records, "every record applied");

        Assert.Equal(Enumerable.Range(0, records).Select(o => (long)o), h.State.Offsets);
        Assert.Equal(0, h.State.ConcurrentViolations);
        Assert.All(h.State.Batches, b => Assert.InRange(b.Records.Length, 1, h.Limits.MaxBatchRecords));
        Assert.All(h.State.Batches, b => Assert.Equal(StateRunHarness.Generation, b.Generation));
        Assert.Equal("key-36", h.State.Batches.SelectMany(b => b.Keys).ElementAt(36));
    }

    [Fact]
    public async Task RunAsync_EpochsWhileBatchesAreInFlight_EveryBatchLiesInsideTheEpochItCarries()
    {
        await using var h = new StateRunHarness();
        h.State.ApplyDelay = TimeSpan.FromMilliseconds(3);
        const int records = 3_000;
        for (var offset = 0; offset < records; offset += 30)
        {
            h.Source.Write([.. Enumerable.Range(offset, 30).Select(o => FakeSource.Record(o, $"key-{o % 11}"))]);
            if (offset % 300 == 0)
            {
                await h.WaitUntil(() => h.State.Offsets.Count >= offset, "the records so far applied");
            }
        }

        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == records), "every record committed");
        await h.WaitUntil(() => h.State.CommittedEpochs.Contains(h.Committer.Plans.Last().Epoch), "the last commit told to the grain");

        var plans = h.Committer.Plans.ToDictionary(p => p.Epoch);
        Assert.True(plans.Count > 3, $"only {plans.Count} epochs");
        Assert.All(h.State.Batches, b =>
        {
            var plan = plans[b.Epoch];
            Assert.InRange(b.Records[0].Offset, plan.StartOffset, plan.EndOffset - 1);
            Assert.InRange(b.Records[^1].Offset, plan.StartOffset, plan.EndOffset - 1);
        });
        Assert.Equal(plans.Keys.Order(), h.State.CommittedEpochs);
    }

    [Fact]
    public async Task RunAsync_ReplayBelowTheCommittedOffset_RebuildsStateButCommitsNothingItCaused()
    {
        // Committed at 100, checkpoint at 40: records 40..99 are read again for the state only.
        await using var h = new StateRunHarness(startOffset: 100, replayFrom: 40);
        h.Source.Write([.. Enumerable.Range(40, 120).Select(o => FakeSource.Record(o, o % 10 == 0 ? null : "a", timestamp: 1_000 + o))]);

        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == 160), "an epoch ending at 160");

        Assert.Equal(Enumerable.Range(40, 120).Where(o => o % 10 != 0).Select(o => (long)o), h.State.Offsets);
        var plans = h.Committer.Plans.ToArray();
        Assert.Equal(100, plans[0].StartOffset);
        Assert.Equal(StateRunHarness.CommittedEpoch + 1, plans[0].Epoch);
        Assert.Equal([100L, 110, 120, 130, 140, 150], plans.SelectMany(p => p.AgentOutputs).Select(o => o.CausingOffset));
        Assert.Equal(6, h.Counters.DeadLettered);

        // The first epoch resolves window closes from the replay on: the clock's rises start at the replay offset.
        Assert.Equal(41, plans[0].Rises.Offsets[0]);
        Assert.Empty(plans[0].FlushKeys);
    }

    [Fact]
    public async Task RunAsync_ReplayEndsInRecordsTheAgentDeadLetters_TellsTheGrainTheReplayIsComplete()
    {
        // Committed at 100, checkpoint at 90; 96..99 have no key (dead-lettered by the agent, never sent to
        // the grain) and nothing follows: only the agent can say that the grain holds everything below 100.
        await using var h = new StateRunHarness(startOffset: 100, replayFrom: 90);
        h.Source.Write([.. Enumerable.Range(90, 10).Select(o => FakeSource.Record(o, o >= 96 ? null : "a", timestamp: 1_000 + o))]);

        await h.WaitUntil(() => !h.State.ReplayedTo.IsEmpty, "the replay reported complete");

        Assert.Equal([100L], h.State.ReplayedTo);
        Assert.Equal(Enumerable.Range(90, 6).Select(o => (long)o), h.State.Offsets);
        Assert.Empty(h.Committer.Plans); // nothing new: no epoch would have told it
    }

    [Fact]
    public async Task RunAsync_NoReplay_ReportsTheCommittedOffsetOnce()
    {
        await using var h = new StateRunHarness(startOffset: 50);
        h.Source.Write([.. Enumerable.Range(50, 30).Select(o => FakeSource.Record(o, "a"))]);

        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == 80), "an epoch ending at 80");

        Assert.Equal([50L], h.State.ReplayedTo);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3_600, false)]
    public async Task RunAsync_CheckpointInterval_DecidesWhichEpochsCheckpoint(int intervalSeconds, bool everyEpoch)
    {
        await using var h = new StateRunHarness(checkpointInterval: TimeSpan.FromSeconds(intervalSeconds));
        for (var offset = 0; offset < 300; offset += 50)
        {
            h.Source.Write([.. Enumerable.Range(offset, 50).Select(o => FakeSource.Record(o, $"k{o % 3}"))]);
            await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == offset + 50), $"an epoch ending at {offset + 50}");
        }

        Assert.All(h.Committer.Plans, p => Assert.Equal(everyEpoch, p.Checkpoint));
    }

    [Theory]
    [InlineData("NotBegun")]
    [InlineData("StaleGeneration")]
    public async Task RunAsync_StateGrainRefusesTheGeneration_FailsTheGeneration(string answer)
    {
        var status = Enum.Parse<StateCallStatus>(answer);
        await using var h = new StateRunHarness();
        h.State.Answer = status;
        h.Source.Write(FakeSource.Record(0, "a"));

        var e = await Assert.ThrowsAsync<GenerationFailedException>(() => h.Running);
        Assert.Contains(status.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StateGrainThrows_FailsTheGeneration()
    {
        await using var h = new StateRunHarness();
        h.State.Throw = new TimeoutException("silo gone");
        h.Source.Write(FakeSource.Record(0, "a"));

        var e = await Assert.ThrowsAsync<GenerationFailedException>(() => h.Running);
        Assert.IsType<TimeoutException>(e.InnerException);
    }

    /// <summary>A partition state grain as a plain object: records what it is given.</summary>
    private sealed class FakeStateGrain : IPartitionStateGrain
    {
        private int _busy;

        public ConcurrentQueue<StateBatch> Batches { get; } = new();

        public ConcurrentQueue<long> CommittedEpochs { get; } = new();

        public ConcurrentQueue<long> ReplayedTo { get; } = new();

        public List<long> Offsets { get; } = [];

        public int ConcurrentViolations;

        public StateCallStatus Answer { get; set; } = StateCallStatus.Done;

        public Exception? Throw { get; set; }

        public TimeSpan ApplyDelay { get; set; }

        public Task<int> Begin(StateBegin begin) => throw new NotSupportedException();

        public Task Committed(long generation, long epoch, long endOffset, long streamTime)
        {
            CommittedEpochs.Enqueue(epoch);
            return Task.CompletedTask;
        }

        public ValueTask<PartitionQueryAnswer> Query(PartitionQuery query) => throw new NotSupportedException();

        Task IPartitionStateGrain.ReplayedTo(long generation, long offset)
        {
            ReplayedTo.Enqueue(offset);
            return Task.CompletedTask;
        }

        public async ValueTask<StateCallStatus> Apply(StateBatch batch)
        {
            if (Interlocked.Exchange(ref _busy, 1) == 1)
            {
                Interlocked.Increment(ref ConcurrentViolations);
            }

            try
            {
                await (ApplyDelay > TimeSpan.Zero ? Task.Delay(ApplyDelay) : Task.CompletedTask);
                await Task.Yield();
                if (Throw is { } error)
                {
                    throw error;
                }

                if (Answer == StateCallStatus.Done)
                {
                    Batches.Enqueue(batch);
                    lock (Offsets)
                    {
                        Offsets.AddRange(batch.Records.Select(r => r.Offset));
                    }
                }

                return Answer;
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        }

        public ValueTask<StateFlushResult> Flush(StateFlush request) => throw new NotSupportedException();

        public Task Disown(long generation, KeyValuePair<string, int>[] keys) => throw new NotSupportedException();

        public Task Release(long generation) => throw new NotSupportedException();
    }

    private sealed class StateRunHarness : IAsyncDisposable
    {
        public const long Generation = 9;
        public const long CommittedEpoch = 5;
        private readonly CancellationTokenSource _stop = new();

        public StateRunHarness(long startOffset = 0, long? replayFrom = null, TimeSpan? checkpointInterval = null)
        {
            var pipeline = DemoPipelineFor.Test();
            var start = new GenerationStart
            {
                Generation = Generation,
                CommittedEpoch = CommittedEpoch,
                StartOffset = startOffset,
                StreamTime = long.MinValue,
                Due = DueSnapshot.Empty,
                ReplayFrom = replayFrom ?? startOffset,
                ReplayStreamTime = long.MinValue,
            };
            Limits = new AgentLimits(16, 50, 10_000, TimeSpan.FromMilliseconds(20), 100_000, TimeSpan.Zero, checkpointInterval ?? TimeSpan.FromSeconds(10));
            var signal = new AsyncSignal();
            var router = new PartitionStateRouter(State, "test/2", Generation, Limits.MaxBatchRecords, signal);
            var run = new GenerationRun(pipeline, 2, start, Source, Committer, router, signal, Limits, Counters, TimeProvider.System);
            Running = Task.Run(() => run.RunAsync(_stop.Token));
        }

        public AgentLimits Limits { get; }

        public FakeSource Source { get; } = new();

        public FakeCommitter Committer { get; } = new();

        public FakeStateGrain State { get; } = new();

        public PartitionCounters Counters { get; } = new();

        public Task Running { get; }

        public async Task WaitUntil(Func<bool> condition, string what)
        {
            var deadline = Task.Delay(TimeSpan.FromSeconds(30));
            while (!condition())
            {
                if (Running.IsFaulted)
                {
                    await Running;
                }

                if (deadline.IsCompleted)
                {
                    throw new TimeoutException($"not reached within 30 s: {what}");
                }

                await Task.Delay(5);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or GenerationFailedException)
            {
            }

            _stop.Dispose();
        }
    }

    private static class DemoPipelineFor
    {
        public static WindowedPipelineDefinition Test() => (WindowedPipelineDefinition)OrleansStreams.Configuration.DemoPipeline.Create();
    }
}
