using OrleansStreams.Grains.Committer;
using System.Text;
using OrleansStreams.Ingress;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Silo.Tests.Ingress;

public sealed class GenerationRunTests
{
    [Fact]
    public async Task RunAsync_ManyKeys_DeliversEveryRecordOnceInOffsetOrderPerKeyOneCallAtATime()
    {
        await using var h = new GenerationHarness();
        var random = new Random(42);
        h.Grains.Behaviour = async (_, _) =>
        {
            await Task.Delay(random.Next(0, 2));
            return ApplyResult.Done;
        };
        const int records = 5_000;
        for (var offset = 0; offset < records; offset += 100)
        {
            h.Source.Write([.. Enumerable.Range(offset, 100).Select(o => FakeSource.Record(o, $"key-{o % 37}"))]);
        }

        await h.WaitUntil(() => h.Grains.Applied == records, "every record applied");

        Assert.Equal(0, h.Grains.ConcurrentViolations);
        Assert.InRange(h.Grains.MaxInFlight, 1, h.Limits.MaxInFlight);
        foreach (var (key, grain) in h.Grains.Grains)
        {
            var k = int.Parse(key["key-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, records).Where(o => o % 37 == k).Select(o => (long)o), grain.Offsets);
            Assert.Equal(-1, grain.PreviousOffsets[0]);
        }
    }

    [Fact]
    public async Task RunAsync_RecordsApplied_EpochPlansCoverContiguousRangesAndFlushEveryDirtyKey()
    {
        await using var h = new GenerationHarness(startOffset: 1_000);
        const int records = 2_000;
        for (var offset = 1_000; offset < 1_000 + records; offset += 50)
        {
            h.Source.Write([.. Enumerable.Range(offset, 50).Select(o => FakeSource.Record(o, $"k{o % 11}", timestamp: o))]);
        }

        await h.WaitUntil(() => h.Committer.Plans.LastOrDefault()?.EndOffset == 1_000 + records, "an epoch ending after the last record");

        var plans = h.Committer.Plans.ToArray();
        Assert.Equal(1_000, plans[0].StartOffset);
        Assert.Equal(4, plans[0].Epoch);
        for (var i = 1; i < plans.Length; i++)
        {
            Assert.Equal(plans[i - 1].EndOffset, plans[i].StartOffset);
            Assert.Equal(plans[i - 1].Epoch + 1, plans[i].Epoch);
            Assert.Equal(7, plans[i].Generation);
        }

        foreach (var offset in Enumerable.Range(1_000, records))
        {
            var plan = plans.Single(p => p.StartOffset <= offset && offset < p.EndOffset);
            Assert.Contains($"k{offset % 11}", plan.FlushKeys);
            Assert.Equal(plan.EndOffset - 1, plan.StreamTime); // event time = offset, so stream time at s(E)-1 is s(E)-1
        }
    }

    [Fact]
    public async Task RunAsync_NullAndEmptyKeys_DeadLetteredWithReasonAndThePartitionKeepsFlowing()
    {
        await using var h = new GenerationHarness();
        h.Source.Write(FakeSource.Record(0, "a"), FakeSource.Record(1, null), FakeSource.Record(2, ""), FakeSource.Record(3, "a"));

        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == 4), "an epoch ending at 4");

        var deadLetters = h.Committer.Plans.SelectMany(p => p.AgentOutputs).ToList();
        Assert.Equal([1L, 2L], deadLetters.Select(d => d.CausingOffset));
        Assert.All(deadLetters, d => Assert.Equal(OutputKind.DeadLetter, d.Kind));
        Assert.Equal("record key is null", Reason(deadLetters[0]));
        Assert.Equal("record key is empty", Reason(deadLetters[1]));
        Assert.Equal([0L, 3L], h.Grains.Grains["a"].Offsets);
        Assert.Equal(2, h.Counters.DeadLettered);
    }

    [Fact]
    public async Task RunAsync_TimestampOutOfBounds_DeadLettered()
    {
        await using var h = new GenerationHarness();
        h.Source.Write(FakeSource.Record(0, "a", timestamp: -1), FakeSource.Record(1, "a", timestamp: 5));

        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == 2), "an epoch ending at 2");

        var deadLetter = Assert.Single(h.Committer.Plans.SelectMany(p => p.AgentOutputs));
        Assert.Equal(0, deadLetter.CausingOffset);
        Assert.Contains("outside", Reason(deadLetter), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_KeyOfAnotherPartition_DeadLettersItsRecords()
    {
        await using var h = new GenerationHarness();
        h.Grains.Behaviour = (key, _) => Task.FromResult(key == "foreign" ? new ApplyResult(ApplyStatus.WrongPartition, long.MaxValue, 5) : ApplyResult.Done);
        h.Source.Write(FakeSource.Record(0, "foreign"), FakeSource.Record(1, "home"));

        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.EndOffset == 2), "an epoch ending at 2");

        var deadLetter = Assert.Single(h.Committer.Plans.SelectMany(p => p.AgentOutputs));
        Assert.Equal(0, deadLetter.CausingOffset);
        Assert.Contains("belongs to partition 5", Reason(deadLetter), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApplyStatus.StaleGeneration)]
    [InlineData(ApplyStatus.StateLost)]
    public async Task RunAsync_GrainRefusesTheGeneration_FailsTheGeneration(ApplyStatus status)
    {
        await using var h = new GenerationHarness();
        h.Grains.Behaviour = (_, _) => Task.FromResult(new ApplyResult(status, long.MaxValue));
        h.Source.Write(FakeSource.Record(0, "a"));

        await Assert.ThrowsAsync<GenerationFailedException>(() => h.Running);
    }

    [Fact]
    public async Task RunAsync_GrainCallThrows_FailsTheGeneration()
    {
        await using var h = new GenerationHarness();
        h.Grains.Behaviour = (_, _) => throw new TimeoutException("silo gone");
        h.Source.Write(FakeSource.Record(0, "a"));

        var e = await Assert.ThrowsAsync<GenerationFailedException>(() => h.Running);
        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task RunAsync_EpochDoesNotCommit_FailsTheGeneration()
    {
        await using var h = new GenerationHarness();
        h.Committer.Fail = _ => new InvalidOperationException("fenced");
        h.Source.Write(FakeSource.Record(0, "a"));

        await Assert.ThrowsAsync<GenerationFailedException>(() => h.Running);
    }

    [Fact]
    public async Task RunAsync_ConsumerFails_FailsTheGeneration()
    {
        await using var h = new GenerationHarness();
        h.Source.Fail(new InvalidOperationException("broker gone for good"));

        await Assert.ThrowsAsync<GenerationFailedException>(() => h.Running);
    }

    [Fact]
    public async Task RunAsync_StuckGrain_StopsReadingAtTheBufferLimitAndNeverCommitsPastIt()
    {
        var limits = new AgentLimits(MaxInFlight: 4, MaxBatchRecords: 10, MaxBufferedRecords: 300, TimeSpan.FromMilliseconds(10), 100_000, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        await using var h = new GenerationHarness(limits);
        h.Grains.Gate = new TaskCompletionSource();
        for (var offset = 0; offset < 5_000; offset += 100)
        {
            h.Source.Write([.. Enumerable.Range(offset, 100).Select(o => FakeSource.Record(o, $"k{o % 3}"))]);
        }

        await h.WaitUntil(() => h.Source.ReadSoFar >= 300, "reading up to the limit");
        await Task.Delay(200);

        Assert.InRange(h.Source.ReadSoFar, 300, 400); // the limit plus at most one chunk
        Assert.All(h.Committer.Plans, p => Assert.Equal(0, p.EndOffset));

        h.Grains.Gate.SetResult();
        await h.WaitUntil(() => h.Grains.Applied == 5_000, "every record applied once the grain is released");
    }

    [Fact]
    public async Task RunAsync_ApplyAnsweredWhileItsKeyIsBeingFlushed_KeepsTheKeyDueInThePersistedIndex()
    {
        // The flush of epoch 4 sees no open window (its answer says nothing is due), but the key's next record is
        // applied after that flush and opens one, due at 9,000. The index persisted with epoch 5 must keep it, or a
        // restart after epoch 5 would never close that window.
        await using var h = new GenerationHarness();
        h.Grains.Behaviour = (_, batch) => Task.FromResult(new ApplyResult(ApplyStatus.Applied, batch.Records[^1].Offset == 0 ? 5_000 : 9_000));
        var releaseEpoch4 = new TaskCompletionSource();
        h.Committer.BeforeAnswer = plan => plan.Epoch == 4 ? releaseEpoch4.Task : Task.CompletedTask;
        h.Source.Write(FakeSource.Record(0, "a"));
        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.Epoch == 4), "epoch 4 being committed");

        h.Source.Write(FakeSource.Record(1, "a"));
        await h.WaitUntil(() => h.Grains.Applied == 2, "the second record applied during the commit");
        await Task.Delay(50); // lets the agent take the apply's answer before the commit's
        releaseEpoch4.SetResult();
        await h.WaitUntil(() => h.Committer.Plans.Any(p => p.Epoch == 5), "epoch 5 planned");

        var epoch5 = h.Committer.Plans.Single(p => p.Epoch == 5);
        Assert.Contains("a", epoch5.FlushKeys);
        var due = Assert.IsType<DueSnapshot>(epoch5.Due);
        Assert.Equal(9_000, Assert.Single(due.DueTimes));
        Assert.Equal("a", Assert.Single(due.Keys));
    }

    private static string Reason(OutputRecord output) =>
        Encoding.UTF8.GetString(output.Headers!.Single(h => h.Key == StreamHeaders.DeadLetterReason).Value!);
}
