using System.Globalization;
using System.Text;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

public sealed class PartitionStateTests
{
    [Fact]
    public void Create_NoRecords_HoldsNothingAndFlushesNothing()
    {
        var state = NewState(Demo());

        var epoch = Checkpoint(state, T0 + 3_600_000, long.MaxValue);

        Assert.Equal(0, state.KeyCount);
        Assert.False(state.Contains(Key));
        Assert.Null(state.Inspect(Key));
        Assert.Empty(epoch.Outputs);
        Assert.Empty(epoch.Rows);
        Assert.Equal(0, epoch.KeysClosed);
    }

    [Fact]
    public void Apply_RecordsInOffsetOrder_AggregatesEachIntoItsWindow()
    {
        var state = NewState(Demo());

        Apply(
            state,
            Reading(0, T0 + 1_000, T0 + 1_000, 2),
            Reading(1, T0 + 61_000, T0 + 61_000, 10),
            Reading(2, T0 + 30_000, T0 + 61_000, 4),
            Reading(3, T0 + 59_999, T0 + 61_000, 9));

        Assert.Equal(1, state.KeyCount);
        Assert.True(state.Contains(Key));
        var inspection = state.Inspect(Key)!;
        Assert.Equal((3L, T0 + 70_000, 0), (inspection.LastOffset, inspection.NextDueTime, inspection.PendingOutputs));
        Assert.Equal(
            [
                new WindowInspection(T0, T0 + 60_000, false, Stats(T0, T0 + 60_000, 3, 15, 2, 9, 5)),
                new WindowInspection(T0 + 60_000, T0 + 120_000, false, Stats(T0 + 60_000, T0 + 120_000, 1, 10, 10, 10, 10)),
            ],
            inspection.Windows);
    }

    [Fact]
    public void Flush_WindowReachesEndPlusGrace_EmitsOneResultKeyedByKeyAndWindowStart()
    {
        var state = NewState(Demo());
        Apply(
            state,
            Reading(0, T0 + 1_000, T0 + 1_000, 2),
            Reading(1, T0 + 30_000, T0 + 30_000, 4),
            Reading(2, T0 + 59_999, T0 + 59_999, 9));

        var beforeClose = new List<OutputRecord>();
        var atClose = new List<OutputRecord>();
        var afterClose = new List<OutputRecord>();
        var closed = (
            state.Flush(T0 + 69_999, 3, false, beforeClose, []),
            state.Flush(T0 + 70_000, 3, false, atClose, []),
            state.Flush(T0 + 200_000, 3, false, afterClose, []));

        Assert.Equal((0, 1, 0), closed);
        Assert.Empty(beforeClose);
        var result = Assert.Single(atClose);
        Assert.Equal(OutputKind.Result, result.Kind);
        Assert.Equal($"sensor-1@{T0}", Encoding.UTF8.GetString(result.Key!));
        Assert.Equal(
            $$"""{"key":"sensor-1","start":{{T0}},"end":{{T0 + 60_000}},"count":3,"sum":15,"min":2,"max":9,"avg":5}""",
            Encoding.UTF8.GetString(result.Value!));
        Assert.Equal((-1L, T0 + 70_000, T0 + 59_999), (result.CausingOffset, result.CloseTime, result.Timestamp));
        Assert.Null(result.Headers);
        Assert.Empty(afterClose);
        Assert.Equal($"last=2 due={long.MaxValue} pending=0 windows=[]", Describe(state.Inspect(Key)));
    }

    [Fact]
    public void Flush_NonAsciiKeyAndWindowBeforeTheUnixEpoch_KeysTheResultAsKeyAtSignedStartInUtf8()
    {
        var state = NewState(Demo());
        const string key = "capteur-é-ключ-🌡";
        Apply(state, Reading(key, 0, -30_000, -30_000, 1), Reading(key, 1, 60_000, 60_000, 1));

        var result = Assert.Single(Flush(state, 60_000, 2));

        Assert.Equal($"{key}@-60000", Encoding.UTF8.GetString(result.Key!));
    }

    [Fact]
    public void Flush_SeveralWindowsDue_EmitsThemInCloseOrderWithFractionalStats()
    {
        var state = NewState(Demo());
        Apply(
            state,
            Reading(0, T0 + 5_000, T0 + 5_000, 1.5),
            Reading(1, T0 + 6_000, T0 + 6_000, -0.25),
            Reading(2, T0 + 65_000, T0 + 65_000, 3.5),
            Reading(3, T0 + 185_000, T0 + 185_000, 7));

        var outputs = Flush(state, T0 + 185_000, 4);

        Assert.Equal(
            [
                $"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 60_000, 2, 1.25, -0.25, 1.5, 0.625)}' headers=null",
                $"Result causing=-1 close={T0 + 130_000} ts={T0 + 119_999} key='sensor-1@{T0 + 60_000}' value='{Stats(T0 + 60_000, T0 + 120_000, 1, 3.5, 3.5, 3.5, 3.5)}' headers=null",
            ],
            Describe(outputs));
        Assert.Equal(T0 + 250_000, state.Inspect(Key)!.NextDueTime);
    }

    [Fact]
    public void Flush_FinalResult_IsReturnedWhateverTheEndOffset()
    {
        var state = NewState(Demo());
        Apply(state, Reading(7, T0 + 1_000, T0 + 1_000, 2));

        var outputs = Flush(state, T0 + 70_000, endOffset: 0);

        var result = Assert.Single(outputs);
        Assert.Equal((OutputKind.Result, -1L, T0 + 70_000), (result.Kind, result.CausingOffset, result.CloseTime));
    }

    [Fact]
    public void Apply_ReplayedOffsets_AreSkipped()
    {
        var state = NewState(Demo());
        Apply(state, Reading(0, T0 + 1_000, T0 + 1_000, 1), Reading(1, T0 + 2_000, T0 + 2_000, 2), Reading(2, T0 + 3_000, T0 + 3_000, 3));

        Apply(state, Reading(1, T0 + 2_000, T0 + 2_000, 200), Reading(2, T0 + 3_000, T0 + 3_000, 300), Reading(3, T0 + 4_000, T0 + 4_000, 4));
        Apply(state, Reading(0, T0 + 1_000, T0 + 1_000, 100), Reading(3, T0 + 4_000, T0 + 4_000, 400));

        Assert.Equal(3, state.Inspect(Key)!.LastOffset);
        Assert.Equal(
            Stats(T0, T0 + 60_000, 4, 10, 1, 4, 2.5),
            Encoding.UTF8.GetString(Assert.Single(Flush(state, T0 + 70_000, 4)).Value!));
    }

    [Fact]
    public void Apply_OffsetsWithGapsThenAnOlderOne_SkipsTheOlderOne()
    {
        var state = NewState(Demo());

        Apply(state, Reading(10, T0 + 1_000, T0 + 1_000, 1), Reading(15, T0 + 2_000, T0 + 2_000, 2), Reading(40, T0 + 3_000, T0 + 3_000, 3));
        Apply(state, Reading(12, T0 + 4_000, T0 + 4_000, 1_000), Reading(40, T0 + 5_000, T0 + 5_000, 1_000));

        Assert.Equal(40, state.Inspect(Key)!.LastOffset);
        Assert.Equal(Stats(T0, T0 + 60_000, 3, 6, 1, 3, 2), Assert.Single(WindowsOf(state)).Result);
    }

    [Fact]
    public void Apply_ReplaySpanningKeys_SkipsEachRecordAtOrBelowItsOwnKeysLastOffset()
    {
        var state = NewState(Demo());
        Apply(state, Reading("a", 0, T0 + 1_000, T0 + 1_000, 1), Reading("b", 1, T0 + 2_000, T0 + 2_000, 2), Reading("a", 2, T0 + 3_000, T0 + 3_000, 3));

        // b's last offset (1) is below a's (2): b's records above 1 are new, a's up to 2 are replays.
        Apply(state, Reading("a", 2, T0 + 3_000, T0 + 3_000, 300), Reading("b", 3, T0 + 4_000, T0 + 4_000, 4), Reading("a", 4, T0 + 5_000, T0 + 5_000, 5));
        Apply(state, Reading("b", 1, T0 + 2_000, T0 + 5_000, 200), Reading("b", 3, T0 + 4_000, T0 + 5_000, 400));

        Assert.Equal((4L, 3L), (state.Inspect("a")!.LastOffset, state.Inspect("b")!.LastOffset));
        Assert.Equal(
            [
                Stats("a", T0, T0 + 60_000, 3, 9, 1, 5, 3),
                Stats("b", T0, T0 + 60_000, 2, 6, 2, 4, 3),
            ],
            Flush(state, T0 + 70_000, 5).Select(o => Encoding.UTF8.GetString(o.Value!)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Flush_OnUpdateResultsCausedAtOrAfterEndOffset_StayBuffered()
    {
        var state = NewState(Hopping(EmitMode.OnUpdate));
        Apply(state, Reading(0, T0 + 1_000, T0 + 1_000, 2), Reading(1, T0 + 2_000, T0 + 2_000, 4));

        var firstEpoch = Flush(state, T0 + 2_000, endOffset: 1);
        var pendingAfterFirst = state.Inspect(Key)!.PendingOutputs;
        var secondEpoch = Flush(state, T0 + 2_000, endOffset: 2);
        var thirdEpoch = Flush(state, T0 + 2_000, endOffset: 3);

        Assert.Equal(
            [
                $"Result causing=0 close=-1 ts={T0 + 59_999} key='sensor-1@{T0 - 60_000}' value='{Stats(T0 - 60_000, T0 + 60_000, 1, 2, 2, 2, 2)}' headers=null",
                $"Result causing=0 close=-1 ts={T0 + 119_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 120_000, 1, 2, 2, 2, 2)}' headers=null",
            ],
            Describe(firstEpoch));
        Assert.Equal(2, pendingAfterFirst);
        Assert.Equal(
            [
                $"Result causing=1 close=-1 ts={T0 + 59_999} key='sensor-1@{T0 - 60_000}' value='{Stats(T0 - 60_000, T0 + 60_000, 2, 6, 2, 4, 3)}' headers=null",
                $"Result causing=1 close=-1 ts={T0 + 119_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 120_000, 2, 6, 2, 4, 3)}' headers=null",
            ],
            Describe(secondEpoch));
        Assert.Empty(thirdEpoch);
        Assert.Equal(0, state.Inspect(Key)!.PendingOutputs);
    }

    [Fact]
    public void Flush_OnUpdateSeveralChangesInOneEpoch_EmitsTheLatestPerWindow()
    {
        var state = NewState(Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), EmitMode.OnUpdate));
        Apply(state, Reading(0, T0 + 1_000, T0 + 1_000, 2), Reading(1, T0 + 2_000, T0 + 2_000, 4), Reading(2, T0 + 3_000, T0 + 3_000, 6));

        var outputs = Flush(state, T0 + 3_000, endOffset: 3);

        Assert.Equal(
            [$"Result causing=2 close=-1 ts={T0 + 59_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 60_000, 3, 12, 2, 6, 4)}' headers=null"],
            Describe(outputs));
    }

    [Fact]
    public void Apply_ManyKeysInterleaved_AggregatesEachKeyOnItsOwn()
    {
        var state = NewState(Demo());

        Apply(
            state,
            Reading("a", 0, T0 + 1_000, T0 + 1_000, 1),
            Reading("b", 1, T0 + 2_000, T0 + 2_000, 10),
            Reading("a", 2, T0 + 3_000, T0 + 3_000, 3),
            Reading("c", 3, T0 + 61_000, T0 + 61_000, 100),
            Reading("b", 4, T0 + 30_000, T0 + 61_000, 20),
            Reading("a", 5, T0 + 62_000, T0 + 62_000, 5));
        var outputs = Flush(state, T0 + 70_000, 6);

        Assert.Equal(3, state.KeyCount);
        Assert.Equal(
            [
                $"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='a@{T0}' value='{Stats("a", T0, T0 + 60_000, 2, 4, 1, 3, 2)}' headers=null",
                $"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='b@{T0}' value='{Stats("b", T0, T0 + 60_000, 2, 30, 10, 20, 15)}' headers=null",
            ],
            Sorted(outputs));
        Assert.Equal(
            [new WindowInspection(T0 + 60_000, T0 + 120_000, false, Stats("a", T0 + 60_000, T0 + 120_000, 1, 5, 5, 5, 5))],
            WindowsOf(state, "a"));
        Assert.Empty(WindowsOf(state, "b"));
        Assert.Equal(
            [new WindowInspection(T0 + 60_000, T0 + 120_000, false, Stats("c", T0 + 60_000, T0 + 120_000, 1, 100, 100, 100, 100))],
            WindowsOf(state, "c"));
        Assert.Equal((5L, 4L, 3L), (state.Inspect("a")!.LastOffset, state.Inspect("b")!.LastOffset, state.Inspect("c")!.LastOffset));
        Assert.Equal((T0 + 130_000, long.MaxValue, T0 + 130_000), (state.Inspect("a")!.NextDueTime, state.Inspect("b")!.NextDueTime, state.Inspect("c")!.NextDueTime));
    }

    [Fact]
    public void Flush_TenThousandKeysClosingAtDifferentTimes_EmitsAndCheckpointsExactlyTheKeysDue()
    {
        const int Keys = 10_000;
        const int Minutes = 50;
        var state = NewState(Demo());
        var records = Enumerable.Range(0, Keys)
            .Select(k => (Key: k, Time: T0 + ((k % Minutes) * 60_000L) + (k / Minutes)))
            .OrderBy(r => r.Time)
            .Select((r, offset) => Reading(Name(r.Key), offset, r.Time, r.Time, r.Key))
            .ToArray();
        Apply(state, records);

        var before = Checkpoint(state, T0 + 69_999, Keys);

        Assert.Empty(before.Outputs);
        Assert.Equal(0, before.KeysClosed);
        Assert.Equal(Keys, before.Rows.Count);
        Assert.All(before.Rows, r => Assert.False(r.IsDeletion));
        for (var minute = 0; minute < Minutes; minute++)
        {
            var start = T0 + (minute * 60_000L);
            var due = Enumerable.Range(0, Keys).Where(k => k % Minutes == minute).ToArray();

            var atClose = Checkpoint(state, start + 70_000, Keys);
            var justBeforeNext = Checkpoint(state, start + 129_999, Keys);

            Assert.Equal(due.Length, atClose.KeysClosed);
            Assert.Equal(
                due.Select(k => $"Result causing=-1 close={start + 70_000} ts={start + 59_999} key='{Name(k)}@{start}' value='{Stats(Name(k), start, start + 60_000, 1, k, k, k, k)}' headers=null").Order(StringComparer.Ordinal),
                Sorted(atClose.Outputs));
            Assert.Equal(due.Select(k => $"{Name(k)}=null").Order(StringComparer.Ordinal), Describe(atClose.Rows));
            Assert.Equal((0, 0, 0), (justBeforeNext.Outputs.Count, justBeforeNext.Rows.Count, justBeforeNext.KeysClosed));
            Assert.Equal(Keys - ((minute + 1) * due.Length), state.KeyCount);
            Assert.All(due, k => Assert.False(state.Contains(Name(k))));
        }

        static string Name(int key) => string.Create(CultureInfo.InvariantCulture, $"k{key:D5}");
    }

    [Fact]
    public void Flush_KeyWithSeveralWindowsClosing_CountsTheKeyOnce()
    {
        var state = NewState(Hopping(EmitMode.Final));
        Apply(state, Reading("a", 0, T0 + 90_000, T0 + 90_000, 1), Reading("b", 1, T0 + 100_000, T0 + 100_000, 2));

        var epoch = Checkpoint(state, T0 + 240_000, 2);

        Assert.Equal(2, epoch.KeysClosed);
        Assert.Equal(4, epoch.Outputs.Count);
        Assert.Equal(["a=null", "b=null"], Describe(epoch.Rows));
    }

    [Fact]
    public void Inspect_KeyNeverSeen_IsNull()
    {
        var state = NewState(Demo());
        Apply(state, Reading("a", 0, T0, T0, 1));

        Assert.Null(state.Inspect("b"));
        Assert.False(state.Contains("b"));
        Assert.Single(state.Inspect("a")!.Windows);
    }

    [Fact]
    public void Disown_HeldKey_DropsItsWindowsBufferedOutputsAndPendingRow()
    {
        var state = NewState(Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), EmitMode.OnUpdate));
        Apply(
            state,
            Reading("mine", 0, T0 + 1_000, T0 + 1_000, 1),
            Reading("theirs", 1, T0 + 2_000, T0 + 2_000, 2),
            Raw("theirs", 2, T0 + 3_000, T0 + 3_000, Encoding.UTF8.GetBytes("bad")));

        state.Disown("theirs");
        var held = state.KeyCount;
        var epoch = Checkpoint(state, T0 + 120_000, 3);

        Assert.Equal(1, held);
        Assert.Equal(0, state.KeyCount);
        Assert.False(state.Contains("theirs"));
        Assert.Null(state.Inspect("theirs"));
        Assert.Equal(
            [$"Result causing=0 close=-1 ts={T0 + 59_999} key='mine@{T0}' value='{Stats("mine", T0, T0 + 60_000, 1, 1, 1, 1, 1)}' headers=null"],
            Describe(epoch.Outputs));
        Assert.Equal(["mine=null"], Describe(epoch.Rows));
        Assert.Equal(1, epoch.KeysClosed);
    }

    [Fact]
    public void Disown_KeyNotHeld_ChangesNothing()
    {
        var state = NewState(Demo());
        Apply(state, Reading("a", 0, T0 + 1_000, T0 + 1_000, 1));

        state.Disown("b");

        Assert.Equal(1, state.KeyCount);
        Assert.Single(Flush(state, T0 + 70_000, 1));
    }

    [Fact]
    public void Apply_DisownedKeysLaterRecords_AreDeadLetteredWhenForeignOrStartFreshOtherwise()
    {
        var state = NewState(Demo());
        Apply(state, Reading("a", 0, T0 + 1_000, T0 + 1_000, 1), Reading("a", 1, T0 + 2_000, T0 + 2_000, 2));
        state.Disown("a");

        Apply(state, new Dictionary<string, int> { ["a"] = 4 }, Reading("a", 2, T0 + 3_000, T0 + 3_000, 3));
        var whileForeign = Flush(state, T0 + 3_000, 3);
        Apply(state, Reading("a", 3, T0 + 4_000, T0 + 4_000, 4));
        var fresh = state.Inspect("a");

        Assert.Equal([(OutputKind.DeadLetter, 2L)], whileForeign.Select(o => (o.Kind, o.CausingOffset)));
        Assert.Equal(
            $"last=3 due={T0 + 70_000} pending=0 windows=[{new WindowInspection(T0, T0 + 60_000, false, Stats("a", T0, T0 + 60_000, 1, 4, 4, 4, 4))}]",
            Describe(fresh));
    }
}
