using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>Emit modes, the epoch bound of <c>TakeOutputs</c>, closing, retention and due times.</summary>
public sealed class WindowOutputTests
{
    [Fact]
    public void TakeOutputs_OnUpdate_CoalescesPerWindowBelowTheBoundAndKeepsTheRest()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(10)), EmitMode.OnUpdate);
        engine.Put(1, 0);
        engine.Put(2, 1);
        engine.Put(3, 2);
        engine.Put(11, 3);
        engine.Put(4, 11, 4);

        var first = engine.Take(3);
        var second = engine.Take(5);

        Assert.Equal([(W(0, 10), "0,1,2", 2L)], first.Select(o => (o.Window, o.Result, o.CausingOffset)));
        Assert.Equal(
            [(W(10, 20), "3", 3L), (W(0, 10), "0,1,2,4", 4L)],
            second.Select(o => (o.Window, o.Result, o.CausingOffset)));
        Assert.All(first.Concat(second), o => Assert.Equal(WindowOutputKind.Update, o.Kind));
        Assert.Equal(0, engine.Engine.PendingOutputCount);
    }

    [Fact]
    public void TakeOutputs_BoundAtFirstUpdate_ReturnsNothingAndKeepsAll()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)), EmitMode.OnUpdate);
        engine.Put(1, 7);

        Assert.Empty(engine.Take(7));
        Assert.Equal(1, engine.Engine.PendingOutputCount);
        Assert.Single(engine.Take(8));
    }

    [Fact]
    public void TakeOutputs_FinalResult_IgnoresTheBoundAndCarriesTheCloseTime()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(3)));
        engine.Put(5, 7);
        engine.Engine.CloseDue(13);

        var final = Assert.Single(engine.Take(0));

        Assert.Equal((WindowOutputKind.Final, W(0, 10), "7", 13L), (final.Kind, final.Window, final.Result, final.CloseTime));
        Assert.False(final.HasCausingOffset);
    }

    [Fact]
    public void CloseDue_Final_EmitsExactlyOnePerWindow()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithRetention(Ms(30)));
        engine.Put(5, 0);
        engine.Put(6, 1);

        Assert.Equal(1, engine.Engine.CloseDue(10));
        Assert.Equal(0, engine.Engine.CloseDue(15));
        var outputs = engine.Take().Concat(engine.Take()).ToList();
        engine.Engine.CloseDue(20);

        var final = Assert.Single(outputs);
        Assert.Equal("0,1", final.Result);
        Assert.Empty(engine.Take());
    }

    [Fact]
    public void CloseDue_OnUpdate_EmitsNothingMoreAndStopsAcceptingRecords()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithRetention(Ms(30)), EmitMode.OnUpdate);
        engine.Put(5, 0);
        engine.Take();

        engine.Engine.CloseDue(10);

        Assert.Empty(engine.Take());
        Assert.Equal(["[0, 10) 0 closed"], engine.Windows());
        Assert.Equal([W(0, 10)], engine.Put(6, 10, 1).Missed);
    }

    [Fact]
    public void CloseDue_WithRetention_KeepsClosedWindowQueryableUntilStartPlusRetention()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(2)).WithRetention(Ms(30)));
        engine.Put(5, 0);

        engine.Engine.CloseDue(12);
        Assert.Equal(["[0, 10) 0 closed"], engine.Windows());
        Assert.Equal(30, engine.Engine.NextDueTime);

        engine.Engine.CloseDue(29);
        Assert.Single(engine.Windows());

        engine.Engine.CloseDue(30);
        Assert.Empty(engine.Windows());
        Assert.Equal(long.MaxValue, engine.Engine.NextDueTime);
    }

    [Fact]
    public void CloseDue_MinimumRetention_DropsWindowWhenItCloses()
    {
        var spec = WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(2));
        var engine = new TestEngine(spec.WithRetention(spec.MinimumRetention));
        engine.Put(5, 0);

        engine.Engine.CloseDue(12);

        Assert.Empty(engine.Windows());
        Assert.Single(engine.Take());
    }

    [Fact]
    public void CloseDue_DefaultRetention_KeepsTheClosedWindowUntilTheNextCloses()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(2)));
        engine.Put(5, 0);
        engine.Put(15, 1);

        engine.Engine.CloseDue(12);
        var afterFirstClose = engine.Windows();
        engine.Engine.CloseDue(22);

        Assert.Equal(["[0, 10) 0 closed", "[10, 20) 1"], afterFirstClose);
        Assert.Equal(["[10, 20) 1 closed"], engine.Windows());
    }

    [Fact]
    public void NextDueTime_OpenWindows_IsTheEarliestCloseTime()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(3)));
        Assert.Equal(long.MaxValue, engine.Engine.NextDueTime);

        engine.Put(12, 0);
        engine.Put(5, 12, 1);

        Assert.Equal(13, engine.Engine.NextDueTime);
    }

    [Fact]
    public void CloseDue_InOrderStream_KeepsStateBounded()
    {
        var engine = new TestEngine(WindowSpec.Hopping(Ms(60), Ms(20)).WithGrace(Ms(10)), EmitMode.OnUpdate);
        for (var offset = 0; offset < 5_000; offset++)
        {
            engine.Put(offset * 7, offset);
            if (offset % 10 == 0)
            {
                engine.Engine.CloseDue(offset * 7);
                engine.Take(offset + 1);
            }
        }

        // Three windows per record, plus those opened in the 70 ms between two CloseDue calls.
        Assert.InRange(engine.Engine.WindowCount, 3, 8);
        Assert.InRange(engine.Engine.PendingOutputCount, 1, 40);
    }
}
