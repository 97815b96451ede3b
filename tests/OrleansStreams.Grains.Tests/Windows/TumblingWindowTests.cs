using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

public sealed class TumblingWindowTests
{
    [Fact]
    public void Apply_RecordAtWindowEnd_BelongsToNextWindow()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(9, 0);
        engine.Put(10, 1);

        Assert.Equal(["[0, 10) 0", "[10, 20) 1"], engine.Windows());
    }

    [Fact]
    public void Apply_NegativeTimestamps_AlignWithFloorModulo()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(-11, 0);
        engine.Put(-10, 1);
        engine.Put(-1, 2);
        engine.Put(0, 3);

        Assert.Equal(["[-20, -10) 0", "[-10, 0) 1,2", "[0, 10) 3"], engine.Windows());
    }

    [Fact]
    public void Apply_StreamTimeAtEndPlusGrace_IsLate()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(5)));
        engine.Put(15, 0);

        var applied = engine.Put(3, 15, 1);

        Assert.Equal(RecordApplyStatus.Late, applied.Status);
        Assert.Equal([W(0, 10)], applied.Missed);
        Assert.Equal(["[10, 20) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_StreamTimeOneMillisecondBeforeEndPlusGrace_IsOnTime()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(5)));

        var applied = engine.Put(3, 14, 0);

        Assert.Equal(RecordApplyStatus.Applied, applied.Status);
        Assert.Empty(applied.Missed);
        Assert.Equal(["[0, 10) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_OutOfOrderWithinGrace_JoinsItsWindow()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(5)));
        engine.Put(5, 0);
        engine.Put(12, 1);

        Assert.Equal(RecordApplyStatus.Applied, engine.Put(8, 12, 2).Status);
        Assert.Equal(["[0, 10) 0,2", "[10, 20) 1"], engine.Windows());
    }

    [Fact]
    public void Apply_LateForOpenButDueWindow_IsLateAndLeavesWindowUnchanged()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(5, 0);
        engine.Put(10, 1);

        // [0, 10) is due at stream time 10 but not closed: closing is lazy, lateness is not.
        var applied = engine.Put(7, 10, 2);

        Assert.Equal(RecordApplyStatus.Late, applied.Status);
        Assert.Equal([W(0, 10)], applied.Missed);
        Assert.Equal(["[0, 10) 0", "[10, 20) 1"], engine.Windows());
    }

    [Fact]
    public void Apply_PastCloseTime_DoesNotClose()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(5, 0);
        engine.Put(25, 1);

        Assert.Equal(["[0, 10) 0", "[20, 30) 1"], engine.Windows());
        Assert.Empty(engine.Take());
        Assert.Equal(10, engine.Engine.NextDueTime);
    }

    [Fact]
    public void Apply_ReplayedOffset_IsDuplicateAndIgnored()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(5, 3);

        Assert.Equal(RecordApplyStatus.Duplicate, engine.Put(6, 3).Status);
        Assert.Equal(RecordApplyStatus.Duplicate, engine.Put(6, 2).Status);
        Assert.Equal(["[0, 10) 3"], engine.Windows());
        Assert.Equal(3, engine.Engine.LastOffset);
    }

    [Fact]
    public void Apply_EventTimeOutsideSupportedRange_Throws()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Put(long.MaxValue, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Put(5, 5, -1));
    }
}
