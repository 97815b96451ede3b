using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>
/// Sliding windows of size 5: a record at t has the left window [t - 4, t + 1) and the right
/// window [t + 1, t + 6); records less than 5 ms apart share windows.
/// </summary>
public sealed class SlidingWindowTests
{
    [Fact]
    public void Apply_SingleRecord_CreatesOnlyItsLeftWindow()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)));
        engine.Put(10, 0);

        Assert.Equal(["[6, 11) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_RecordWithinSize_CreatesItsLeftWindowAndThePreviousRecordsRightWindow()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)), EmitMode.OnUpdate);
        engine.Put(10, 0);
        engine.Put(14, 1);

        Assert.Equal(["[6, 11) 0", "[10, 15) 0,1", "[11, 16) 1"], engine.Windows());
        Assert.Equal(
            [("[6, 11)", "0", 0L), ("[10, 15)", "0,1", 1L), ("[11, 16)", "1", 1L)],
            engine.Take().Select(o => (o.Window.ToString(), o.Result, o.CausingOffset)));
    }

    [Fact]
    public void Apply_RecordsExactlySizeApart_ShareNoWindow()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)));
        engine.Put(10, 0);
        engine.Put(15, 1);

        // The right window of 10 is the left window of 15: [11, 16).
        Assert.Equal(["[6, 11) 0", "[11, 16) 1"], engine.Windows());
    }

    [Fact]
    public void Apply_OutOfOrderRecord_BuildsTheSameWindowsAsInOrder()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)).WithGrace(Ms(10)));
        engine.Put(14, 0);
        engine.Put(10, 14, 1);

        // Its right window [11, 16) is built from the earlier record at 14.
        Assert.Equal(["[6, 11) 1", "[10, 15) 0,1", "[11, 16) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_LeftWindowLateButLaterWindowOnTime_AppliesPartially()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)));
        engine.Put(10, 0);
        engine.Put(14, 1);

        // [6, 11) ends at 11 <= 14: late; [10, 15) is still open.
        var applied = engine.Put(10, 14, 2);

        Assert.Equal(RecordApplyStatus.Applied, applied.Status);
        Assert.Equal([W(6, 11)], applied.Missed);
        Assert.Equal(["[6, 11) 0", "[10, 15) 0,1,2", "[11, 16) 1"], engine.Windows());
    }

    [Fact]
    public void Apply_EveryContainingWindowLate_IsLateAndLeavesNoTrace()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)));
        engine.Put(10, 0);
        engine.Put(20, 1);

        var applied = engine.Put(12, 20, 2);

        Assert.Equal(RecordApplyStatus.Late, applied.Status);
        Assert.Equal([W(8, 13)], applied.Missed);
        Assert.Equal(["[6, 11) 0", "[16, 21) 1"], engine.Windows());

        // A later record on time does not pick the late one up from the panes.
        engine.Put(21, 3);
        Assert.Equal(["[6, 11) 0", "[16, 21) 1", "[17, 22) 1,3", "[21, 26) 3"], engine.Windows());
    }

    [Fact]
    public void CloseDue_ManyRecords_KeepsStateBounded()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)).WithGrace(Ms(2)));
        for (var offset = 0; offset < 2_000; offset++)
        {
            engine.Put(offset * 3, offset);
            engine.Engine.CloseDue(offset * 3);
            engine.Take();
        }

        Assert.InRange(engine.Engine.WindowCount, 1, 8);
        Assert.InRange(engine.Engine.State.Panes.Count, 1, 4);
    }
}
