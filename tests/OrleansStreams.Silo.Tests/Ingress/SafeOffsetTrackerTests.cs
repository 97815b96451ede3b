using OrleansStreams.Ingress;

namespace OrleansStreams.Silo.Tests.Ingress;

public sealed class SafeOffsetTrackerTests
{
    [Fact]
    public void SafeOffset_CompletionsOutOfOrder_StopsAtLowestUnhandledRecord()
    {
        var tracker = new SafeOffsetTracker(100);
        var a = tracker.Add(100);
        var b = tracker.Add(101);
        var c = tracker.Add(102);

        tracker.Complete(c);
        Assert.Equal(100, tracker.SafeOffset);
        tracker.Complete(a);
        Assert.Equal(101, tracker.SafeOffset);
        tracker.Complete(b);
        Assert.Equal(103, tracker.SafeOffset);
        Assert.Equal(0, tracker.Outstanding);
    }

    [Fact]
    public void SafeOffset_GapsInOffsets_ReportsTheNextRealOffset()
    {
        var tracker = new SafeOffsetTracker(0);
        var a = tracker.Add(0);
        var b = tracker.Add(5); // offsets 1-4 were transaction markers
        tracker.Complete(a);

        Assert.Equal(5, tracker.SafeOffset);
        tracker.Complete(b);
        Assert.Equal(6, tracker.SafeOffset);
    }

    [Fact]
    public void SafeOffset_UnknownStart_IsMinusOneUntilTheFirstRecord()
    {
        var tracker = new SafeOffsetTracker(-1);
        Assert.Equal(-1, tracker.SafeOffset);

        tracker.Add(42);
        Assert.Equal(42, tracker.SafeOffset);
    }

    [Fact]
    public void Add_MoreRecordsThanCapacity_GrowsAndKeepsOrder()
    {
        var tracker = new SafeOffsetTracker(0, initialCapacity: 16);
        var sequences = Enumerable.Range(0, 1000).Select(i => tracker.Add(i)).ToList();
        foreach (var s in sequences.Skip(1))
        {
            tracker.Complete(s);
        }

        Assert.Equal(0, tracker.SafeOffset);
        tracker.Complete(sequences[0]);
        Assert.Equal(1000, tracker.SafeOffset);
    }

    [Fact]
    public void Add_DecreasingOffset_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var tracker = new SafeOffsetTracker(10);
            tracker.Add(10);
            tracker.Add(10);
        });
}
