using System.Text;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.Results;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Grains.Tests.State;
using OrleansStreams.Keys;
using OrleansStreams.Queries;

namespace OrleansStreams.Grains.Tests.Committer;

/// <summary>The epoch protocol of one partition, with a fake sink and state side: no broker, no storage, no cluster.</summary>
public sealed class EpochCommitterTests : IDisposable
{
    private static readonly CommitterOptions Options = new() { KafkaTimeout = TimeSpan.FromSeconds(10), StuckCallGrace = TimeSpan.FromSeconds(5) };

    private readonly FakeTimeProvider _time = new();
    private readonly TestMeterFactory _meters = new();
    private readonly FakeSinkFactory _sinks = new();
    private readonly FakeEpochState _state = new();
    private readonly FakeGenerations _generations = new();
    private readonly List<PublishedResult> _published = [];
    private readonly EpochCommitter _committer;

    public EpochCommitterTests()
    {
        _sinks.Configure = sink => sink.CommittedPosition = (100, new EpochMetadata(4, 9_000));
        var results = new ResultPublisher(batch => { _published.AddRange(batch); return Task.CompletedTask; }, 0, "sensors/0", _time, NullLogger.Instance);
        _committer = new EpochCommitter(
            "sensors/0", PartitionStateFixtures.Demo(), 0, _state, _sinks, _generations, results, Options, new OrleansStreamsMetrics(_meters, _time), NullLogger.Instance);
    }

    public void Dispose() => _meters.Dispose();

    [Fact]
    public async Task BeginGeneration_CommittedOffset_FencesTheNewSinkAndResumesThere()
    {
        var start = await _committer.BeginGenerationAsync();

        Assert.Equal((1L, 4L, 100L, 9_000L, 100L), (start.Generation, start.CommittedEpoch, start.StartOffset, start.StreamTime, start.ReplayFrom));
        Assert.Equal(["open 1", "fence 1"], _sinks.Journal);
        Assert.Equal([1L], _state.Begun);
    }

    [Fact]
    public async Task CommitEpoch_OutputsOfAgentAndState_CommittedTogetherInCausingOrderWithTheEndOffset()
    {
        await _committer.BeginGenerationAsync();
        _state.Releases.Enqueue([Result(105), Result(101), Closed(closeTime: 5_000)]);
        _state.MetadataToCommit = new EpochMetadata(5, 9_500, 5, 110, 9_500);
        var rises = new StreamTimeRises([102, 104], [4_000, 5_000]);

        var outcome = await _committer.CommitEpochAsync(Plan(1, 5, 100, 110, rises, DeadLetter(103)));

        var commit = Assert.Single(_sinks.Last.Commits);
        Assert.Equal((5L, 110L, new EpochMetadata(5, 9_500, 5, 110, 9_500)), (commit.Epoch, commit.EndOffset, commit.Metadata));
        Assert.Equal([101L, 103, 104, 105], commit.Outputs.Select(o => o.CausingOffset));
        Assert.Equal(3, outcome.OutputsByKind[(int)OutputKind.Result]);
        Assert.Equal(1, outcome.OutputsByKind[(int)OutputKind.DeadLetter]);
        Assert.Equal(_state.MetadataToCommit, Assert.Single(_state.CommittedEpochs).Metadata);
        Assert.Equal([101L, 104, 105], _published.Select(r => r.CausingOffset));
    }

    [Fact]
    public async Task CommitEpoch_OutputsOfReplayedRecords_DroppedAsCommittedBefore()
    {
        _state.ReplayFrom = 50; // a windowed recovery rebuilds state from a checkpoint below the committed offset
        var start = await _committer.BeginGenerationAsync();
        _state.Releases.Enqueue([Result(60), Closed(closeTime: 3_000), Result(100)]);

        await _committer.CommitEpochAsync(Plan(1, 5, start.StartOffset, 110, new StreamTimeRises([70, 104], [3_000, 5_000])));

        Assert.Equal([100L], Assert.Single(_sinks.Last.Commits).Outputs.Select(o => o.CausingOffset));
    }

    [Fact]
    public async Task CommitEpoch_CloseBeforeEveryRiseOfTheEpoch_AttributedToTheEpochStart()
    {
        await _committer.BeginGenerationAsync();
        _state.Releases.Enqueue([Closed(closeTime: 7_000)]);

        await _committer.CommitEpochAsync(Plan(1, 5, 100, 110, new StreamTimeRises([], [])));

        Assert.Equal(100, Assert.Single(Assert.Single(_sinks.Last.Commits).Outputs).CausingOffset);
    }

    [Theory]
    [InlineData(110)]
    [InlineData(99)]
    public async Task CommitEpoch_OutputCausedOutsideTheEpoch_RefusedAndNothingCommitted(long causingOffset)
    {
        _state.ReplayFrom = 50;
        _sinks.Configure = sink => sink.CommittedPosition = (90, new EpochMetadata(4, 9_000)); // 99 is no replay: it lies above the committed offset
        await _committer.BeginGenerationAsync();
        _state.Releases.Enqueue([Result(105), Result(causingOffset)]);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _committer.CommitEpochAsync(Plan(1, 5, 100, 110)));

        Assert.Contains($"caused at {causingOffset} is outside epoch 5 [100, 110)", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_sinks.Last.Commits);
        Assert.Empty(_state.CommittedEpochs);
        Assert.Empty(_published);
        Assert.True(_sinks.Last.IsDisposed);
        Assert.Equal(-1, _committer.Generation);
    }

    [Theory]
    [InlineData(ErrorCode.Local_TimedOut)]
    [InlineData(ErrorCode.ProducerFenced)]
    [InlineData(ErrorCode.Local_Fenced)]
    public async Task CommitEpoch_SinkFails_EpochFailsAndTheGenerationIsOverUntilANewOneBegins(ErrorCode error)
    {
        await _committer.BeginGenerationAsync();
        _sinks.Last.FailCommit = new KafkaException(error);
        _state.Releases.Enqueue([Result(105)]);

        await Assert.ThrowsAsync<KafkaException>(() => _committer.CommitEpochAsync(Plan(1, 5, 100, 110)));

        Assert.Empty(_state.CommittedEpochs);
        Assert.Empty(_published);
        Assert.True(_sinks.Last.IsDisposed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _committer.CommitEpochAsync(Plan(1, 5, 100, 110)));

        var next = await _committer.BeginGenerationAsync();
        _state.Releases.Enqueue([Result(105)]);
        await _committer.CommitEpochAsync(Plan(next.Generation, 5, next.StartOffset, 110));

        Assert.Equal(2, next.Generation);
        Assert.Equal([105L], Assert.Single(_sinks.Last.Commits).Outputs.Select(o => o.CausingOffset));
    }

    [Fact]
    public async Task CommitEpoch_PlanOfAnOlderGeneration_RefusedWithoutTouchingTheNewSink()
    {
        await _committer.BeginGenerationAsync();
        await _committer.BeginGenerationAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _committer.CommitEpochAsync(Plan(1, 5, 100, 110)));

        Assert.Contains("runs generation 2; epoch 5 of generation 1 is refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["open 1", "fence 1", "dispose 1", "open 2", "fence 2"], _sinks.Journal);
        Assert.Equal(2, _committer.Generation);
    }

    [Fact]
    public async Task CommitEpoch_SinkStuckPastItsDeadline_AbandonedAndDisposedOnlyOnceTheCallReturns()
    {
        await _committer.BeginGenerationAsync();
        using var hold = new ManualResetEventSlim();
        var sink = _sinks.Last;
        sink.Hold = hold;

        var epoch = _committer.CommitEpochAsync(Plan(1, 5, 100, 110));
        await sink.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(24)); // the commit deadline is 2 × 10 s + 5 s
        Assert.False(epoch.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        var stuck = await Assert.ThrowsAsync<KafkaCallStuckException>(() => epoch.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("committing epoch 5 within 25 s", stuck.Message, StringComparison.Ordinal);
        Assert.Equal(-1, _committer.Generation);
        Assert.False(sink.IsDisposed); // librdkafka would crash on a client disposed under a running call
        hold.Set();
        await sink.Disposed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task BeginGeneration_FenceStuckPastItsDeadline_NoGenerationAndTheSinkDisposedOnceTheCallReturns()
    {
        using var hold = new ManualResetEventSlim();
        _sinks.Configure = sink => sink.Hold = hold;

        var begin = _committer.BeginGenerationAsync();
        await WaitForSink();
        await _sinks.Last.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(15));

        await Assert.ThrowsAsync<KafkaCallStuckException>(() => begin.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(-1, _committer.Generation);
        Assert.Empty(_state.Begun);
        Assert.False(_sinks.Last.IsDisposed);
        hold.Set();
        await _sinks.Last.Disposed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Release_RunningGeneration_DisposesTheSinkAndReleasesTheState_OtherGenerationIgnored()
    {
        await _committer.BeginGenerationAsync();

        Assert.False(await _committer.ReleaseAsync(7));
        Assert.False(_sinks.Last.IsDisposed);
        Assert.True(await _committer.ReleaseAsync(1));

        Assert.True(_sinks.Last.IsDisposed);
        Assert.Equal([1L], _state.Released);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _committer.CommitEpochAsync(Plan(1, 5, 100, 110)));
    }

    private async Task WaitForSink()
    {
        while (_sinks.Opened.Count == 0)
        {
            await Task.Yield();
        }
    }

    private static EpochPlan Plan(long generation, long epoch, long start, long end, StreamTimeRises? rises = null, params OutputRecord[] agentOutputs) => new()
    {
        Generation = generation,
        Epoch = epoch,
        StartOffset = start,
        EndOffset = end,
        StreamTime = 9_500,
        FlushKeys = [],
        FlushLastAcknowledged = [],
        AgentOutputs = agentOutputs,
        Rises = rises ?? new StreamTimeRises([], []),
    };

    private static OutputRecord Result(long causingOffset) =>
        new(OutputKind.Result, causingOffset, -1, 59_999, Encoding.UTF8.GetBytes($"k{causingOffset}@0"), Encoding.UTF8.GetBytes("{}"), null);

    private static OutputRecord Closed(long closeTime) =>
        new(OutputKind.Result, -1, closeTime, 59_999, Encoding.UTF8.GetBytes("closed@0"), Encoding.UTF8.GetBytes("{}"), null);

    private static OutputRecord DeadLetter(long offset) =>
        new(OutputKind.DeadLetter, offset, -1, 0, Encoding.UTF8.GetBytes("bad"), Encoding.UTF8.GetBytes("x"), null);
}
