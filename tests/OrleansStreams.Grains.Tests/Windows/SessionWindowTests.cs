using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>Session windows with a gap of 5: records at most 5 ms apart share a session.</summary>
public sealed class SessionWindowTests
{
    [Fact]
    public void Apply_RecordExactlyGapAfterLast_ExtendsTheSession()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)));
        engine.Put(10, 0);

        Assert.Equal(RecordApplyStatus.Applied, engine.Put(15, 1).Status);
        Assert.Equal(["[10, 16) 0,1"], engine.Windows());
    }

    [Fact]
    public void Apply_RecordBeyondGap_StartsANewSession()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)));
        engine.Put(10, 0);
        engine.Put(16, 1);

        Assert.Equal(["[10, 11) 0", "[16, 17) 1"], engine.Windows());
    }

    [Fact]
    public void Apply_BridgingRecord_MergesTwoSessionsAndRetractsThem()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)).WithGrace(Ms(20)), EmitMode.OnUpdate);
        engine.Put(10, 0);
        engine.Put(20, 1);
        Assert.Equal(["[10, 11) 0", "[20, 21) 1"], engine.Windows());
        engine.Take();

        Assert.Equal(RecordApplyStatus.Applied, engine.Put(15, 20, 2).Status);

        Assert.Equal(["[10, 21) 0,1,2"], engine.Windows());
        Assert.Equal(
            [(WindowOutputKind.Retraction, W(10, 11), null), (WindowOutputKind.Retraction, W(20, 21), null), (WindowOutputKind.Update, W(10, 21), "0,1,2")],
            engine.Take().Select(o => (o.Kind, o.Window, o.Result)));
    }

    [Fact]
    public void Apply_RecordInsideSession_UpdatesWithoutRetraction()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)).WithGrace(Ms(5)), EmitMode.OnUpdate);
        engine.Put(10, 0);
        engine.Put(14, 1);
        engine.Take();

        engine.Put(12, 14, 2);

        var update = Assert.Single(engine.Take());
        Assert.Equal((WindowOutputKind.Update, W(10, 15), "0,1,2"), (update.Kind, update.Window, update.Result));
    }

    [Fact]
    public void Apply_RecordJoiningDueSession_IsLateAndReportsTheSessionItWouldMake()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)));
        engine.Put(10, 0);

        // [10, 11) closes at 11 + 5 = 16; the record at 15 would extend it to [10, 16).
        var applied = engine.Put(15, 16, 1);

        Assert.Equal(RecordApplyStatus.Late, applied.Status);
        Assert.Equal([W(10, 16)], applied.Missed);
        Assert.Equal(["[10, 11) 0"], engine.Windows());
    }

    [Fact]
    public void Apply_LoneRecordWhoseSessionWouldBeDue_IsLate()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)).WithGrace(Ms(1)));

        Assert.Equal(RecordApplyStatus.Late, engine.Put(3, 10, 0).Status);
        Assert.Equal(RecordApplyStatus.Applied, engine.Put(4, 10, 1).Status);
        Assert.Equal(["[4, 5) 1"], engine.Windows());
    }

    [Fact]
    public void CloseDue_Session_ClosesAtEndPlusGapPlusGrace()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)).WithGrace(Ms(2)));
        engine.Put(10, 0);
        engine.Put(15, 1);
        Assert.Equal(16 + 5 + 2, engine.Engine.NextDueTime);

        engine.Engine.CloseDue(22);
        Assert.Empty(engine.Take());
        engine.Engine.CloseDue(23);

        var final = Assert.Single(engine.Take());
        Assert.Equal((WindowOutputKind.Final, W(10, 16), "0,1", -1L, 23L), (final.Kind, final.Window, final.Result, final.CausingOffset, final.CloseTime));
    }

    [Fact]
    public void Apply_RecordReachingEvictedSession_IsLate()
    {
        var spec = WindowSpec.Session(Ms(5));
        var engine = new TestEngine(spec.WithRetention(spec.MinimumRetention));
        engine.Put(10, 0);
        engine.Engine.CloseDue(16);
        Assert.Equal(0, engine.Engine.WindowCount);

        // Alone, [15, 16) would close at 21 > 16, but it would have joined the evicted [10, 11).
        var applied = engine.Put(15, 16, 1);

        Assert.Equal(RecordApplyStatus.Late, applied.Status);
        Assert.Equal(0, engine.Engine.WindowCount);
    }
}
