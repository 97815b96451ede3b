using OrleansStreams.Ingress;

namespace OrleansStreams.Silo.Tests.Ingress;

public sealed class StreamClockTests
{
    [Fact]
    public void Stamp_OutOfOrderEventTimes_StreamTimeIsTheRunningMaximum()
    {
        var clock = new StreamClock(long.MinValue);

        Assert.Equal(100, clock.Stamp(0, 100));
        Assert.Equal(100, clock.Stamp(1, 50));
        Assert.Equal(300, clock.Stamp(2, 300));
        Assert.Equal(300, clock.Stamp(3, 200));
    }

    [Fact]
    public void Stamp_ResumedFromCommittedStreamTime_NeverGoesBelowIt()
    {
        var clock = new StreamClock(1_000);

        Assert.Equal(1_000, clock.Stamp(10, 900));
        Assert.Equal(1_000, clock.StreamTimeBefore(11));
    }

    [Fact]
    public void Slice_EpochRange_ResolvesFirstOffsetReachingACloseTime()
    {
        var clock = new StreamClock(long.MinValue);
        clock.Stamp(0, 100);
        clock.Stamp(1, 200);
        clock.Stamp(2, 150);
        clock.Stamp(3, 400);
        clock.Stamp(4, 500);

        var rises = clock.Slice(1, 4);

        Assert.Equal(1, rises.FirstOffsetReaching(200));
        Assert.Equal(3, rises.FirstOffsetReaching(201));
        Assert.Equal(3, rises.FirstOffsetReaching(400));
        Assert.Equal(-1, rises.FirstOffsetReaching(401)); // reached only at offset 4, outside [1, 4)
        Assert.Equal(400, clock.StreamTimeBefore(4));
    }

    [Fact]
    public void ForgetBelow_CommittedEpoch_KeepsStreamTimeBeforeTheBoundary()
    {
        var clock = new StreamClock(long.MinValue);
        clock.Stamp(0, 100);
        clock.Stamp(1, 200);
        clock.Stamp(2, 300);

        clock.ForgetBelow(2);

        Assert.Equal(200, clock.StreamTimeBefore(2));
        Assert.Equal(300, clock.StreamTimeBefore(3));
        Assert.Empty(clock.Slice(0, 2).Offsets);
    }
}
