using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

public sealed class HoppingWindowTests
{
    [Fact]
    public void Apply_Hopping_AddsToEveryWindowContainingTheRecord()
    {
        var engine = new TestEngine(WindowSpec.Hopping(Ms(10), Ms(3)));
        engine.Put(7, 0);

        Assert.Equal(["[0, 10) 0", "[3, 13) 0", "[6, 16) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_SizeNotMultipleOfAdvance_UsesEveryAlignedWindowContainingTheRecord()
    {
        var engine = new TestEngine(WindowSpec.Hopping(Ms(5), Ms(2)));
        engine.Put(4, 0);
        engine.Put(5, 1);

        Assert.Equal(["[0, 5) 0", "[2, 7) 0,1", "[4, 9) 0,1"], engine.Windows());
    }

    [Fact]
    public void Apply_NegativeTimestamp_AlignsWithFloorModulo()
    {
        var engine = new TestEngine(WindowSpec.Hopping(Ms(10), Ms(5)));
        engine.Put(-1, 0);

        Assert.Equal(["[-10, 0) 0", "[-5, 5) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_PartiallyLate_AppliesToOnTimeWindowsAndReportsMissed()
    {
        var engine = new TestEngine(WindowSpec.Hopping(Ms(10), Ms(5)), EmitMode.OnUpdate);
        engine.Put(15, 0);
        engine.Take();

        var applied = engine.Put(12, 15, 1);

        Assert.Equal(RecordApplyStatus.Applied, applied.Status);
        Assert.Equal([W(5, 15)], applied.Missed);
        Assert.Equal(["[10, 20) 0,1", "[15, 25) 0"], engine.Windows());
        var update = Assert.Single(engine.Take());
        Assert.Equal((W(10, 20), "0,1", 1L), (update.Window, update.Result, update.CausingOffset));
    }

    [Fact]
    public void Apply_LateForEveryWindow_IsLateAndReportsAll()
    {
        var engine = new TestEngine(WindowSpec.Hopping(Ms(10), Ms(5)));
        engine.Put(30, 0);

        var applied = engine.Put(12, 30, 1);

        Assert.Equal(RecordApplyStatus.Late, applied.Status);
        Assert.Equal([W(5, 15), W(10, 20)], applied.Missed);
    }
}
