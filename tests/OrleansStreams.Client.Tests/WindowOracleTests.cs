using System.Text;
using OrleansStreams.Client.Verification;

namespace OrleansStreams.Client.Tests;

public sealed class WindowOracleTests
{
    private const long Minute = 60_000;

    [Fact]
    public void FinalWindows_TumblingWithGrace_OnlyWindowsWhoseCloseTimeWasReached()
    {
        var oracle = new WindowOracle(WindowRule.Demo);
        var offset = 0L;
        oracle.Add(Reading(offset++, "a", 1_000, 1.5));
        oracle.Add(Reading(offset++, "a", 59_999, 2.5));
        oracle.Add(Reading(offset++, "a", 60_000, 10)); // next window
        oracle.Add(Reading(offset++, "b", 69_999, 1)); // stream time 69,999: window [0, 60000) closes at 70,000
        var before = oracle.FinalWindows();
        oracle.Add(Reading(offset, "b", 70_000, 1));
        var after = oracle.FinalWindows();

        Assert.Empty(before);
        var a = after["a@0"];
        Assert.Equal((2L, 4.0, 1.5, 2.5, 2.0), (a.Count, a.Sum, a.Min, a.Max, a.Avg));
        Assert.Equal(Minute, a.End);
        Assert.Single(after);
    }

    [Fact]
    public void Add_RecordAtTheGraceBoundary_IsLate()
    {
        var oracle = new WindowOracle(WindowRule.Demo);
        oracle.Add(Reading(0, "a", 70_000, 1)); // stream time 70,000 = end + grace of [0, 60000)
        oracle.Add(Reading(1, "a", 59_999, 5)); // late
        oracle.Add(Reading(2, "a", 130_000, 1));

        Assert.Equal(1, oracle.Late);
        Assert.False(oracle.FinalWindows().ContainsKey("a@0"));
        Assert.Equal(1, oracle.FinalWindows()["a@60000"].Count);
    }

    [Fact]
    public void Add_OutOfOrderWithinGrace_CountsInItsWindow()
    {
        var oracle = new WindowOracle(WindowRule.Demo);
        oracle.Add(Reading(0, "a", 65_000, 1));
        oracle.Add(Reading(1, "a", 59_000, 7)); // end + grace = 70,000 > 65,000: on time
        oracle.Add(Reading(2, "a", 200_000, 1));

        Assert.Equal(0, oracle.Late);
        Assert.Equal(7, oracle.FinalWindows()["a@0"].Sum);
    }

    [Fact]
    public void Add_StreamTimeIsPerPartition()
    {
        var oracle = new WindowOracle(WindowRule.Demo);
        oracle.Add(Reading(0, "a", 1_000, 1, partition: 0));
        oracle.Add(Reading(0, "b", 500_000, 1, partition: 1)); // advances partition 1 only

        Assert.Empty(oracle.FinalWindows());
    }

    [Fact]
    public void Add_Hopping_EachRecordInEveryWindowContainingIt()
    {
        var oracle = new WindowOracle(WindowRule.Demo with { Advance = TimeSpan.FromSeconds(20), Grace = TimeSpan.Zero });
        oracle.Add(Reading(0, "a", 45_000, 1));
        oracle.Add(Reading(1, "a", 1_000_000, 1));

        var early = oracle.FinalWindows().Where(w => w.Value.Start < 100_000).Select(w => w.Key).Order().ToList();
        Assert.Equal(["a@0", "a@20000", "a@40000"], early);
    }

    [Theory]
    [InlineData(null, "{\"value\": 1}", 1_000)]
    [InlineData("", "{\"value\": 1}", 1_000)]
    [InlineData("a", "{\"value\": oops", 1_000)]
    [InlineData("a", "{\"other\": 1}", 1_000)]
    [InlineData("a", "{\"value\": 1}", -1)]
    public void Add_UnreadableRecord_CountedAndNotAggregated(string? key, string value, long timestamp)
    {
        var oracle = new WindowOracle(WindowRule.Demo);
        oracle.Add(new TopicRecord(0, 0, timestamp, key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), []));
        oracle.Add(Reading(1, "z", 1_000_000, 1));

        Assert.Equal(1, oracle.Unreadable);
        Assert.DoesNotContain(oracle.FinalWindows().Keys, k => k.StartsWith("a@", StringComparison.Ordinal));
    }

    internal static TopicRecord Reading(long offset, string key, long timestamp, double value, int partition = 0) =>
        new(partition, offset, timestamp, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(FormattableString.Invariant($"{{\"value\": {value}}}")), []);
}
