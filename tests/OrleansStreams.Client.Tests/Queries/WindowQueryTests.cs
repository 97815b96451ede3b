using Microsoft.Extensions.Logging.Abstractions;
using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Queries;

public sealed class WindowQueryTests
{
    private static readonly StoredWindow Minute = new(60_000, 120_000, true, """{"key":"s-1","count":3,"avg":2.5}""");

    private readonly FakeTransport _cluster = new();
    private readonly SteppingClock _clock = new();
    private readonly OrleansStreamsClient _client;

    public WindowQueryTests()
    {
        _client = new OrleansStreamsClient(_cluster, _clock, NullLogger.Instance);
    }

    [Fact]
    public async Task Query_KeyInOnePartition_FanOutToAllPartitionsPicksTheHolder()
    {
        _cluster.Hold(2, "s-1", Minute);
        _cluster.Offsets[2] = 321;

        var answer = await _client.QueryAsync("sensors", "s-1");

        Assert.True(answer.Found);
        Assert.Equal(2, answer.Partition);
        Assert.Equal(new QueryPosition(2, 1, 5, 321), answer.Position);
        var window = Assert.Single(answer.Windows);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(60_000), window.Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(120_000), window.End);
        Assert.True(window.Final);
        Assert.Equal(2.5, window.Result.GetProperty("avg").GetDouble());
        Assert.Equal([0, 1, 2, 3], _cluster.Calls.Select(c => c.Partition).Order());
        Assert.All(_cluster.Calls, c => Assert.Equal(["s-1"], c.Query.Keys));
    }

    [Fact]
    public async Task Query_SecondTime_AsksOnlyThePartitionThatHeldTheKey()
    {
        _cluster.Hold(2, "s-1", Minute);
        await _client.QueryAsync("sensors", "s-1");

        var answer = await _client.QueryAsync("sensors", "s-1");

        Assert.Equal(2, answer.Partition);
        Assert.Equal(5, _cluster.Calls.Count);
        Assert.Equal(2, _cluster.Calls[^1].Partition);
    }

    [Fact]
    public async Task QueryBatch_APartitionAskedAgainInALaterRoundAtAHigherOffset_AnswerKeepsTheLowerPositionItsNotFoundKeysWereDecidedAt()
    {
        _cluster.Hold(2, "s-2", Minute);
        await _client.QueryAsync("sensors", "s-2"); // cached at partition 2
        _cluster.Keys[2].Remove("s-2");              // e.g. found there by a Latest query, not committed yet
        var asked = 0;
        _cluster.Intercept = (p, q) => p == 0 ? new ValueTask<PartitionQueryAnswer>(_cluster.Answer(p, q, asked++ == 0 ? 100 : 278)) : null;

        var result = await _client.QueryAsync("sensors", ["s-1", "s-2"]);

        Assert.Equal(2, asked); // s-1 fanned out in the first round; s-2 fell back to partition 0 in the second, one epoch later
        Assert.All(result.Keys, k => Assert.False(k.Found));
        Assert.True(result.Positions.TryGetPosition(0, out var position));
        Assert.Equal(100, position.Offset); // s-1 was not found at 100; nothing says it is absent below 278
    }

    [Fact]
    public async Task Query_CachedPartitionNoLongerHoldsTheKey_FallsBackToTheOtherPartitions()
    {
        _cluster.Hold(2, "s-1", Minute);
        await _client.QueryAsync("sensors", "s-1");
        _cluster.Hold(3, "s-1", Minute);

        var moved = await _client.QueryAsync("sensors", "s-1");
        var calls = _cluster.Calls.Skip(4).Select(c => c.Partition).ToList();
        var again = await _client.QueryAsync("sensors", "s-1");

        Assert.Equal(3, moved.Partition);
        Assert.Equal(2, calls[0]);
        Assert.Equal([0, 1, 3], calls.Skip(1).Order());
        Assert.Equal(3, again.Partition);
        Assert.Equal(3, _cluster.Calls[^1].Partition);
        Assert.Equal(9, _cluster.Calls.Count);
    }

    [Fact]
    public async Task Query_KeyNowhere_NotFoundOnceEveryPartitionAnswered()
    {
        var result = await _client.QueryAsync("sensors", ["ghost"]);

        var answer = Assert.Single(result.Keys);
        Assert.Equal("ghost", answer.Key);
        Assert.False(answer.Found);
        Assert.Null(answer.Partition);
        Assert.Null(answer.Position);
        Assert.Empty(answer.Windows);
        Assert.Equal([0, 1, 2, 3], result.Positions.Select(p => p.Partition));
        Assert.Equal(0, _client.CachedKeyPartitions);
    }

    [Fact]
    public async Task QueryBatch_KeysInSeveralPartitions_OneCallPerPartitionAnswersAlignedWithTheKeys()
    {
        _cluster.Hold(0, "a", Minute);
        _cluster.Hold(3, "b", Minute);

        var result = await _client.QueryAsync("sensors", ["b", "ghost", "a", "b"]);

        Assert.Equal(["b", "ghost", "a", "b"], result.Keys.Select(k => k.Key));
        Assert.Equal([3, null, 0, 3], result.Keys.Select(k => k.Partition));
        Assert.Equal(4, _cluster.Calls.Count);
        Assert.All(_cluster.Calls, c => Assert.Equal(["b", "ghost", "a"], c.Query.Keys));
        Assert.Equal(4, result.Positions.Count);
    }

    [Fact]
    public async Task QueryBatch_OneKeyCachedOneNot_BothGoInTheSameRoundOneCallPerPartition()
    {
        _cluster.Hold(1, "a", Minute);
        _cluster.Hold(2, "b", Minute);
        await _client.QueryAsync("sensors", "a");
        var before = _cluster.Calls.Count;

        var result = await _client.QueryAsync("sensors", ["a", "b"]);

        var calls = _cluster.Calls.Skip(before).ToList();
        Assert.Equal(4, calls.Count);
        Assert.Equal(["a", "b"], calls.Single(c => c.Partition == 1).Query.Keys);
        Assert.All(calls.Where(c => c.Partition != 1), c => Assert.Equal(["b"], c.Query.Keys));
        Assert.Equal([1, 2], result.Keys.Select(k => k.Partition));
    }

    [Fact]
    public async Task Query_OptionsRange_SentAsEpochMillisecondsWithTheConsistency()
    {
        var options = new WindowQueryOptions
        {
            Consistency = QueryConsistency.Latest,
            From = DateTimeOffset.FromUnixTimeMilliseconds(1_000),
            To = DateTimeOffset.FromUnixTimeMilliseconds(5_000),
        };

        await _client.QueryAsync("sensors", "s-1", options);

        Assert.All(_cluster.Calls, c =>
        {
            Assert.Equal(1_000, c.Query.From);
            Assert.Equal(5_000, c.Query.To);
            Assert.Equal(QueryConsistency.Latest, c.Query.Consistency);
        });
    }

    [Fact]
    public async Task Query_NoRange_AsksForEveryWindow()
    {
        await _client.QueryAsync("sensors", "s-1");

        Assert.All(_cluster.Calls, c => Assert.Equal((long.MinValue, long.MaxValue), (c.Query.From, c.Query.To)));
    }

    [Fact]
    public async Task Query_HolderNotRunningTwiceThenAnswers_AnsweredWithinTheWait()
    {
        _cluster.Hold(2, "s-1", Minute);
        var refusals = 2;
        _cluster.Intercept = (p, _) => p == 2 && refusals-- > 0 ? FakeTransport.Unanswered(PartitionQueryStatus.NotRunning) : null;
        var started = _clock.GetUtcNow();

        var answer = await _clock.Drive(_client.QueryAsync("sensors", "s-1"));

        Assert.Equal(2, answer.Partition);
        Assert.Equal(3, _cluster.CallsTo(2));
        Assert.Equal(1, _cluster.CallsTo(0));
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Query_PartitionNeverRuns_QueryNotYetAfterTheWaitNamingPipelineAndPartition()
    {
        _cluster.Intercept = (p, _) => p == 1 ? FakeTransport.Unanswered(PartitionQueryStatus.NotRunning) : null;
        var started = _clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() => _clock.Drive(_client.QueryAsync("sensors", "s-1")));

        Assert.Equal("pipeline 'sensors' could not answer within 10s: partition 1 not running", error.Message);
        Assert.Equal("sensors", error.Pipeline);
        var partition = Assert.Single(error.Partitions);
        Assert.Equal((1, PartitionUnavailableReason.NotRunning), (partition.Partition, partition.Reason));
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.1));
        Assert.InRange(_cluster.CallsTo(1), 20, 30); // 50 ms doubling to 500 ms over 10 s
        Assert.Equal(1, _cluster.CallsTo(0));
    }

    [Fact]
    public async Task Query_PartitionReplaying_QueryNotYetSaysReplaying()
    {
        _cluster.Intercept = (p, _) => p == 3 ? FakeTransport.Unanswered(PartitionQueryStatus.NotYet) : null;

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() =>
            _clock.Drive(_client.QueryAsync("sensors", "s-1", new WindowQueryOptions { WaitTimeout = TimeSpan.FromSeconds(1) })));

        Assert.Equal("pipeline 'sensors' could not answer within 1s: partition 3 replaying its input", error.Message);
        Assert.Equal(PartitionUnavailableReason.Replaying, Assert.Single(error.Partitions).Reason);
    }

    [Fact]
    public async Task Query_ZeroWait_AsksOnceAndGivesUp()
    {
        _cluster.Intercept = (p, _) => p == 3 ? FakeTransport.Unanswered(PartitionQueryStatus.NotYet) : null;

        await Assert.ThrowsAsync<QueryNotYetException>(() => _client.QueryAsync("sensors", "s-1", new WindowQueryOptions { WaitTimeout = TimeSpan.Zero }));

        Assert.Equal(4, _cluster.Calls.Count);
    }

    [Fact]
    public async Task Query_KeyFoundWhileAnotherPartitionIsDown_AnsweredWithoutWaitingForIt()
    {
        _cluster.Hold(2, "s-1", Minute);
        _cluster.Intercept = (p, _) => p == 1 ? FakeTransport.Unanswered(PartitionQueryStatus.NotRunning) : null;

        var answer = await _client.QueryAsync("sensors", "s-1");

        Assert.Equal(2, answer.Partition);
        Assert.Equal(4, _cluster.Calls.Count);
    }

    [Fact]
    public async Task Query_CallFailsTwice_RetriedThenAnswered()
    {
        _cluster.Hold(2, "s-1", Minute);
        var failures = 2;
        _cluster.Intercept = (p, _) => p == 2 && failures-- > 0
            ? ValueTask.FromException<PartitionQueryAnswer>(new InvalidOperationException("silo S127.0.0.1:11112 is dead"))
            : null;

        var answer = await _clock.Drive(_client.QueryAsync("sensors", "s-1"));

        Assert.Equal(2, answer.Partition);
        Assert.Equal(3, _cluster.CallsTo(2));
    }

    [Fact]
    public async Task Query_CallKeepsFailing_QueryNotYetSaysUnreachableWithTheError()
    {
        _cluster.Intercept = (p, _) => p == 2 ? ValueTask.FromException<PartitionQueryAnswer>(new InvalidOperationException("silo\nis dead")) : null;

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() =>
            _clock.Drive(_client.QueryAsync("sensors", "s-1", new WindowQueryOptions { WaitTimeout = TimeSpan.FromSeconds(1) })));

        Assert.Equal("pipeline 'sensors' could not answer within 1s: partition 2 unreachable (InvalidOperationException: silo is dead)", error.Message);
        Assert.Equal(PartitionUnavailableReason.Unreachable, Assert.Single(error.Partitions).Reason);
    }

    [Fact]
    public async Task Query_CallHangs_GivenUpAfterTheAttemptTimeoutAndAskedAgain()
    {
        _cluster.Hold(2, "s-1", Minute);
        var hung = new TaskCompletionSource<PartitionQueryAnswer>();
        var hangs = 1;
        _cluster.Intercept = (p, _) => p == 2 && hangs-- > 0 ? new ValueTask<PartitionQueryAnswer>(hung.Task) : null;
        var started = _clock.GetUtcNow();

        var answer = await _clock.Drive(_client.QueryAsync("sensors", "s-1"));

        Assert.Equal(2, answer.Partition);
        Assert.Equal(2, _cluster.CallsTo(2));
        Assert.InRange(_clock.GetUtcNow() - started, BatchQuery.AttemptTimeout, BatchQuery.AttemptTimeout + TimeSpan.FromSeconds(0.2));
        hung.SetException(new TimeoutException("late")); // observed: no unobserved task exception
    }

    [Fact]
    public async Task Query_AtLeastAboveThePartitionsOffset_WaitsUntilItCatchesUp()
    {
        _cluster.Hold(2, "s-1", Minute);
        var started = _clock.GetUtcNow();
        _cluster.Intercept = (p, q) => p == 2
            ? new ValueTask<PartitionQueryAnswer>(_cluster.Answer(p, q, offset: _clock.GetUtcNow() - started < TimeSpan.FromSeconds(2) ? 100 : 180))
            : null;
        var options = new WindowQueryOptions { AtLeast = new QueryPositions([new QueryPosition(2, 1, 4, 150)]) };

        var answer = await _clock.Drive(_client.QueryAsync("sensors", "s-1", options));

        Assert.Equal(180, answer.Position!.Offset);
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.6));
    }

    [Fact]
    public async Task Query_AtLeastNeverReached_QueryNotYetSaysBelowTheRequiredPosition()
    {
        _cluster.Hold(2, "s-1", Minute);
        var options = new WindowQueryOptions
        {
            AtLeast = new QueryPositions([new QueryPosition(2, 1, 4, 150)]),
            WaitTimeout = TimeSpan.FromSeconds(2),
        };

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() => _clock.Drive(_client.QueryAsync("sensors", "s-1", options)));

        Assert.Equal("pipeline 'sensors' could not answer within 2s: partition 2 at offset 100, below the required 150", error.Message);
        Assert.Equal(PartitionUnavailableReason.BelowPosition, Assert.Single(error.Partitions).Reason);
    }

    [Fact]
    public async Task Query_AtLeastForAPartitionWithoutTheKey_NotWaitedFor()
    {
        _cluster.Hold(2, "s-1", Minute);
        await _client.QueryAsync("sensors", "s-1");
        var options = new WindowQueryOptions { AtLeast = new QueryPositions([new QueryPosition(0, 1, 4, 1_000_000)]), WaitTimeout = TimeSpan.Zero };

        var answer = await _client.QueryAsync("sensors", "s-1", options);

        Assert.Equal(2, answer.Partition);
    }

    [Fact]
    public async Task Query_LatestAfterAFailoverLostRecords_NeverReturnsALowerPosition()
    {
        _cluster.Hold(2, "s-1", Minute);
        _cluster.Offsets[2] = 200;
        var latest = new WindowQueryOptions { Consistency = QueryConsistency.Latest, WaitTimeout = TimeSpan.FromSeconds(1) };
        await _client.QueryAsync("sensors", "s-1", latest);
        _cluster.Offsets[2] = 150; // the new owner replayed only the committed records

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() => _clock.Drive(_client.QueryAsync("sensors", "s-1", latest)));
        _cluster.Offsets[2] = 230;
        var caughtUp = await _client.QueryAsync("sensors", "s-1", latest);

        Assert.Contains("partition 2 at offset 150, below the required 200", error.Message, StringComparison.Ordinal);
        Assert.Equal(230, caughtUp.Position!.Offset);
    }

    [Fact]
    public async Task Query_LatestPositionSeen_DoesNotBindCommittedQueries()
    {
        _cluster.Hold(2, "s-1", Minute);
        _cluster.Offsets[2] = 200;
        await _client.QueryAsync("sensors", "s-1", new WindowQueryOptions { Consistency = QueryConsistency.Latest });
        _cluster.Offsets[2] = 150;

        var committed = await _client.QueryAsync("sensors", "s-1", new WindowQueryOptions { WaitTimeout = TimeSpan.Zero });

        Assert.Equal(150, committed.Position!.Offset);
    }

    [Fact]
    public async Task QueryBatch_PositionsOfTheAnswer_BindTheNextQueryOfAnotherClient()
    {
        _cluster.Hold(1, "a", Minute);
        _cluster.Offsets[1] = 500;
        var first = await _client.QueryAsync("sensors", ["a"]);
        var other = new OrleansStreamsClient(_cluster, _clock, NullLogger.Instance);
        _cluster.Offsets[1] = 400;

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() =>
            other.QueryAsync("sensors", ["a"], new WindowQueryOptions { AtLeast = first.Positions, WaitTimeout = TimeSpan.Zero }));

        Assert.Contains("partition 1 at offset 400, below the required 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_NoPartitionReportedYet_WaitsForTheFirstReports()
    {
        var silent = 3;
        _cluster.StatusIntercept = () => Task.FromResult(silent-- > 0 ? [] : _cluster.Reports());
        _cluster.Hold(0, "s-1", Minute);

        var answer = await _clock.Drive(_client.QueryAsync("sensors", "s-1"));

        Assert.Equal(0, answer.Partition);
        Assert.Equal(4, _cluster.StatusCalls);
    }

    [Fact]
    public async Task Query_NoPartitionEverReports_QueryNotYetSaysSo()
    {
        _cluster.StatusIntercept = () => Task.FromResult<PartitionStatus[]>([]);

        var error = await Assert.ThrowsAsync<QueryNotYetException>(() =>
            _clock.Drive(_client.QueryAsync("sensors", "s-1", new WindowQueryOptions { WaitTimeout = TimeSpan.FromSeconds(1) })));

        Assert.Equal("pipeline 'sensors' could not answer within 1s: no partition has reported its status yet", error.Message);
        Assert.Empty(error.Partitions);
        Assert.Empty(_cluster.Calls);
    }

    [Fact]
    public async Task Query_StatusCallFails_RetriedLikeAPartition()
    {
        var failures = 2;
        _cluster.StatusIntercept = () => failures-- > 0 ? Task.FromException<PartitionStatus[]>(new TimeoutException()) : Task.FromResult(_cluster.Reports());

        var answer = await _clock.Drive(_client.QueryAsync("sensors", "s-1"));

        Assert.False(answer.Found);
        Assert.Equal(3, _cluster.StatusCalls);
    }

    [Fact]
    public async Task Query_PartitionCount_ReadOnceAndCachedAcrossQueries()
    {
        await _client.QueryAsync("sensors", "a");
        await _client.QueryAsync("sensors", "b");

        Assert.Equal(1, _cluster.StatusCalls);
        Assert.Equal(1, _cluster.CatalogCalls);
    }

    [Fact]
    public async Task Query_UnknownPipeline_PipelineNotFoundListingTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<PipelineNotFoundException>(() => _client.QueryAsync("nope", "s-1"));

        Assert.Equal("the cluster has no pipeline 'nope'; it has passthrough, sensors", error.Message);
        Assert.Equal("nope", error.Pipeline);
        Assert.Empty(_cluster.Calls);
    }

    [Fact]
    public async Task Query_PipelineAddedAfterTheCatalogWasCached_FoundWithoutWaitingForTheCacheToExpire()
    {
        await _client.QueryAsync("sensors", "s-1");
        _cluster.Pipelines.Add(new PipelineInfo("payments", "payments", "totals", true, "tumbling", "Final"));
        _clock.Advance(PipelineCatalog.MissRefreshAfter);

        var answer = await _client.QueryAsync("payments", "s-1");

        Assert.False(answer.Found);
        Assert.Equal(2, _cluster.CatalogCalls);
    }

    [Fact]
    public async Task Query_UnknownPipelineAskedAgainAtOnce_CatalogNotAskedAgain()
    {
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _client.QueryAsync("nope", "s-1"));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _client.QueryAsync("nope", "s-1"));

        Assert.Equal(1, _cluster.CatalogCalls);
    }

    [Fact]
    public async Task Query_PipelineNotWindowed_ArgumentExceptionSayingSo()
    {
        var error = await Assert.ThrowsAsync<PipelineNotWindowedException>(() => _client.QueryAsync("passthrough", "s-1"));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal("pipeline 'passthrough' is not windowed: it keeps no window state to query", error.Message);
    }

    public static TheoryData<string, string[]> BadArguments => new()
    {
        { null!, ["k"] },
        { "", ["k"] },
        { "has space", ["k"] },
        { "sensors", null! },
        { "sensors", [] },
        { "sensors", [null!] },
        { "sensors", [""] },
        { "sensors", ["k", ""] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Query_BadPipelineOrKeys_ArgumentExceptionBeforeAnyCall(string pipeline, string[] keys)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.QueryAsync(pipeline, keys));

        Assert.Equal(0, _cluster.CatalogCalls);
    }

    [Fact]
    public async Task Query_NullSingleKey_ArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.QueryAsync("sensors", (string)null!));
    }

    [Fact]
    public async Task Query_FromNotBeforeTo_ArgumentException()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(5_000);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.QueryAsync("sensors", "k", new WindowQueryOptions { From = at, To = at }));
    }

    [Fact]
    public async Task Query_NegativeWait_ArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.QueryAsync("sensors", "k", new WindowQueryOptions { WaitTimeout = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task Query_CancelledWhileWaiting_OperationCanceledNotQueryNotYet()
    {
        _cluster.Intercept = (p, _) => FakeTransport.Unanswered(PartitionQueryStatus.NotRunning);
        using var cancel = new CancellationTokenSource();

        var query = _client.QueryAsync("sensors", "s-1", cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.Equal(4, _cluster.Calls.Count);
    }

    [Fact]
    public async Task Query_ResultThatIsNotJson_ReturnedAsAJsonString()
    {
        _cluster.Hold(0, "s-1", new StoredWindow(0, 60_000, false, "not json"));

        var answer = await _client.QueryAsync("sensors", "s-1");

        Assert.Equal("not json", Assert.Single(answer.Windows).Result.GetString());
    }

    [Fact]
    public async Task Query_WindowsOutOfOrder_ReturnedInStartOrder()
    {
        _cluster.Hold(0, "s-1", new StoredWindow(120_000, 180_000, false, "{}"), Minute);

        var answer = await _client.QueryAsync("sensors", "s-1");

        Assert.Equal([60_000, 120_000], answer.Windows.Select(w => w.Start.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Query_ManyKeysBeyondTheCacheCapacity_CacheStaysBounded()
    {
        var client = new OrleansStreamsClient(_cluster, _clock, NullLogger.Instance, keyCacheCapacity: 3);
        var keys = Enumerable.Range(0, 10).Select(i => $"k{i}").ToList();
        foreach (var key in keys)
        {
            _cluster.Hold(1, key, Minute);
        }

        foreach (var key in keys)
        {
            await client.QueryAsync("sensors", key);
        }

        Assert.InRange(client.CachedKeyPartitions, 1, 3);
    }
}
