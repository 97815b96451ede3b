using System.Text;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Records;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

public sealed class PartitionStateCheckpointTests
{
    public static TheoryData<string> Pipelines =>
    [
        "demo", "tumbling-on-update", "hopping-final", "hopping-on-update", "session-final", "session-on-update", "sliding-final", "sliding-on-update",
    ];

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Restore_CheckpointRowOnFreshState_ReproducesLastOffsetWindowsDueTimeAndPendingOutputs(string pipeline)
    {
        var original = NewState(Named(pipeline));
        Apply(original, History());
        var checkpoint = Checkpoint(original, T0 + 75_000, endOffset: 3);

        var restored = Restored(Named(pipeline), checkpoint.Rows);

        Assert.Equal(Key, Assert.Single(checkpoint.Rows).Key);
        Assert.Equal(1, restored.KeyCount);
        Assert.Equal(Describe(original.Inspect(Key)), Describe(restored.Inspect(Key)));
        Assert.Equal(6, restored.Inspect(Key)!.LastOffset);
        Assert.NotEmpty(WindowsOf(restored));
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Restore_ThenTheSameInputs_GivesTheSameOutputsAndRowsAsTheUninterruptedState(string pipeline)
    {
        var original = NewState(Named(pipeline));
        Apply(original, History());
        var checkpoint = Checkpoint(original, T0 + 75_000, endOffset: 3);
        var restored = Restored(Named(pipeline), checkpoint.Rows);

        var expected = Continue(original);
        var actual = Continue(restored);

        Assert.Equal(expected, actual);
        Assert.Contains(expected, o => o.StartsWith("DeadLetter causing=4 ", StringComparison.Ordinal));
        Assert.Contains(expected, o => o.StartsWith("Late causing=5 ", StringComparison.Ordinal));
        Assert.Contains(expected, o => o.StartsWith("DeadLetter causing=9 ", StringComparison.Ordinal));
        Assert.Contains(expected, o => o.StartsWith("Result ", StringComparison.Ordinal));
        Assert.Contains(expected, o => o.StartsWith("row sensor-1=", StringComparison.Ordinal));
    }

    [Fact]
    public void Restore_BufferedOutputs_ComeOutWithTheirHeadersAndOriginalBytes()
    {
        var original = NewState(Demo());
        Apply(original, History());
        var checkpoint = Checkpoint(original, T0 + 1_000, endOffset: 0);
        var restored = Restored(Demo(), checkpoint.Rows);

        var fromOriginal = Describe(Flush(original, T0 + 75_000, endOffset: 7));
        var fromRestored = Describe(Flush(restored, T0 + 75_000, endOffset: 7));

        Assert.Empty(checkpoint.Outputs);
        Assert.Equal(fromOriginal, fromRestored);
        Assert.Equal(
            [
                $"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 60_000, 2, 6, 2, 4, 3)}' headers=null",
                $"DeadLetter causing=4 close=-1 ts={T0 + 66_000} key='sensor-1' value='{{\"temp\": 21}}' headers=[os.dlq-reason='value is not a JSON number 'value': value has no property 'value'']",
                $"Late causing=5 close=-1 ts={T0 + 3_000} key='sensor-1' value='{{\"value\": 8}}' headers=[traceparent='00-1', os.late-windows='{T0}-{T0 + 60_000}']",
            ],
            fromRestored);
    }

    [Fact]
    public void Restore_OverAKeyAlreadyHeld_ReplacesItsStateOutputsAndRow()
    {
        var older = NewState(Demo());
        Apply(older, Reading(0, T0 + 1_000, T0 + 1_000, 1));
        var row = Assert.Single(Checkpoint(older, T0 + 1_000, 1).Rows);
        var state = NewState(Demo());
        Apply(state, History());

        state.Restore(Key, row.Snapshot());

        Assert.Equal(1, state.KeyCount);
        Assert.Equal(Describe(older.Inspect(Key)), Describe(state.Inspect(Key)));
        var fromOlder = Checkpoint(older, T0 + 75_000, 7);
        var fromState = Checkpoint(state, T0 + 75_000, 7);
        Assert.Equal(Describe(fromOlder.Outputs), Describe(fromState.Outputs));
        Assert.Equal(
            [$"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 60_000, 1, 1, 1, 1, 1)}' headers=null"],
            Describe(fromState.Outputs));
        Assert.Equal(Describe(fromOlder.Rows), Describe(fromState.Rows));
        Assert.Equal(["sensor-1=null"], Describe(fromState.Rows));
        Assert.Equal((0, 0), (older.KeyCount, state.KeyCount));
    }

    [Fact]
    public void Restore_UnknownVersion_IsRefusedAndHoldsNothing()
    {
        var original = NewState(Demo());
        Apply(original, History());
        var snapshot = Assert.Single(Checkpoint(original, T0 + 75_000, 3).Rows).Snapshot()!;
        snapshot[0] = 99;
        var state = NewState(Demo());

        var e = Assert.Throws<InvalidDataException>(() => state.Restore(Key, snapshot));

        Assert.Equal("state of key 'sensor-1' has snapshot version 99; this version reads 2", e.Message);
        Assert.Equal(0, state.KeyCount);
        Assert.Null(state.Inspect(Key));
    }

    [Fact]
    public void Restore_EmptySnapshot_IsRefusedWithInvalidData()
    {
        var state = NewState(Demo());

        var e = Assert.Throws<InvalidDataException>(() => state.Restore(Key, []));

        Assert.Equal("Window snapshot is truncated.", e.Message);
        Assert.Equal(0, state.KeyCount);
    }

    [Fact]
    public void Restore_EveryTruncationOrATrailingByte_IsRefusedWithInvalidData()
    {
        var original = NewState(Demo());
        Apply(original, History());
        var snapshot = Assert.Single(Checkpoint(original, T0 + 75_000, 3).Rows).Snapshot()!;
        var state = NewState(Demo());

        for (var length = 0; length < snapshot.Length; length++)
        {
            var prefix = snapshot[..length];
            Assert.Throws<InvalidDataException>(() => state.Restore(Key, prefix));
        }

        Assert.Throws<InvalidDataException>(() => state.Restore(Key, [.. snapshot, 0]));
        Assert.Equal(0, state.KeyCount);
        state.Restore(Key, snapshot);
        Assert.Equal(Describe(original.Inspect(Key)), Describe(state.Inspect(Key)));
    }

    [Fact]
    public void Restore_RowOfAnotherWindowSpec_IsRefusedWithInvalidData()
    {
        var original = NewState(Demo());
        Apply(original, History());
        var snapshot = Assert.Single(Checkpoint(original, T0 + 75_000, 3).Rows).Snapshot()!;
        var state = NewState(Hopping(EmitMode.Final));

        Assert.Throws<InvalidDataException>(() => state.Restore(Key, snapshot));
        Assert.Equal(0, state.KeyCount);
    }

    [Fact]
    public void Flush_Checkpoint_WritesRowsOnlyForKeysChangedSinceTheLastCheckpoint()
    {
        var state = NewState(Named("retained-final"));
        Apply(state, Reading("a", 0, T0 + 1_000, T0 + 1_000, 1), Reading("b", 1, T0 + 2_000, T0 + 2_000, 2), Reading("c", 2, T0 + 3_000, T0 + 3_000, 3));

        var first = Checkpoint(state, T0 + 3_000, 3);
        Apply(state, Reading("a", 3, T0 + 4_000, T0 + 4_000, 4));
        var withoutCheckpoint = Flush(state, T0 + 4_000, 4);
        Apply(state, Reading("c", 4, T0 + 4_000, T0 + 5_000, 5), Reading("c", 4, T0 + 4_000, T0 + 5_000, 5));
        var second = Checkpoint(state, T0 + 5_000, 5);
        Apply(state, Reading("c", 4, T0 + 4_000, T0 + 5_000, 5));
        var third = Checkpoint(state, T0 + 5_000, 5);

        Assert.Equal(["a", "b", "c"], first.Rows.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(first.Rows, r => Assert.False(r.IsDeletion));
        Assert.Empty(withoutCheckpoint);
        Assert.Equal(["a", "c"], second.Rows.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Empty(third.Rows);
        var restored = Restored(Named("retained-final"), [.. first.Rows.Where(r => r.Key == "b"), .. second.Rows]);
        Assert.Equal(
            [Describe(state.Inspect("a")), Describe(state.Inspect("b")), Describe(state.Inspect("c"))],
            [Describe(restored.Inspect("a")), Describe(restored.Inspect("b")), Describe(restored.Inspect("c"))]);
    }

    [Fact]
    public void Flush_WindowClosedByStreamTimeOnly_WritesARowThatRestoresTheClosedWindow()
    {
        var state = NewState(Named("retained-final"));
        Apply(state, Reading("early", 0, T0 + 1_000, T0 + 1_000, 1), Reading("later", 1, T0 + 61_000, T0 + 61_000, 2));
        Checkpoint(state, T0 + 61_000, 2);

        var closing = Checkpoint(state, T0 + 70_000, 2);
        var restored = Restored(Named("retained-final"), closing.Rows);

        Assert.Equal(1, closing.KeysClosed);
        Assert.Equal(
            [$"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='early@{T0}' value='{Stats("early", T0, T0 + 60_000, 1, 1, 1, 1, 1)}' headers=null"],
            Describe(closing.Outputs));
        var row = Assert.Single(closing.Rows);
        Assert.Equal("early", row.Key);
        Assert.False(row.IsDeletion);
        Assert.Equal(
            $"last=0 due={T0 + 300_000} pending=0 windows=[{new WindowInspection(T0, T0 + 60_000, true, Stats("early", T0, T0 + 60_000, 1, 1, 1, 1, 1))}]",
            Describe(restored.Inspect("early")));
        Assert.Equal(Describe(state.Inspect("early")), Describe(restored.Inspect("early")));
    }

    [Fact]
    public void Flush_KeyEmptiedByExpiry_WritesNullRowDropsTheKeyAndALaterRecordStartsFresh()
    {
        var state = NewState(Named("retained-final"));
        Apply(state, Reading("gone", 0, T0 + 1_000, T0 + 1_000, 1), Reading("kept", 1, T0 + 250_000, T0 + 250_000, 2));

        var closing = Checkpoint(state, T0 + 250_000, 2);
        var beforeExpiry = Checkpoint(state, T0 + 299_999, 2);
        var expired = Checkpoint(state, T0 + 300_000, 2);
        var heldAfterExpiry = (state.Contains("gone"), state.KeyCount);
        Apply(state, Reading("gone", 2, T0 + 301_000, T0 + 301_000, 3));
        var fresh = state.Inspect("gone");
        var afterFresh = Checkpoint(state, T0 + 301_000, 3);

        Assert.Equal(1, closing.KeysClosed);
        Assert.Equal(["gone", "kept"], closing.Rows.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(closing.Rows, r => Assert.False(r.IsDeletion));
        Assert.Equal((0, 0, 0), (beforeExpiry.KeysClosed, beforeExpiry.Rows.Count, beforeExpiry.Outputs.Count));
        Assert.Equal(1, expired.KeysClosed);
        Assert.Empty(expired.Outputs);
        Assert.Equal(["gone=null"], Describe(expired.Rows));
        Assert.Equal((false, 1), heldAfterExpiry);
        Assert.Equal(
            $"last=2 due={T0 + 370_000} pending=0 windows=[{new WindowInspection(T0 + 300_000, T0 + 360_000, false, Stats("gone", T0 + 300_000, T0 + 360_000, 1, 3, 3, 3, 3))}]",
            Describe(fresh));
        Assert.Equal(["gone"], afterFresh.Rows.Select(r => r.Key));
        Assert.Equal(Describe(fresh), Describe(Restored(Named("retained-final"), afterFresh.Rows).Inspect("gone")));
    }

    [Fact]
    public void Flush_SessionKeyWhoseHorizonPassesWithoutRecords_IsDroppedAtTheNextCheckpoint()
    {
        var pipeline = Named("session-final");
        var state = NewState(pipeline);
        Apply(state, Reading("s", 0, T0, T0, 1));

        // The session [T0, T0 + 1) closes and expires at T0 + 1 + 30 s + 5 s; a record at or before
        // its horizon T0 + 30 s stays late until T0 + 30 s + 1 + 35 s, so the key is kept until then.
        var closing = Checkpoint(state, T0 + 35_001, 1);
        var beforeHorizon = Checkpoint(state, T0 + 65_000, 1);
        var heldBeforeHorizon = state.Contains("s");
        var pastHorizon = Checkpoint(state, T0 + 65_001, 1);

        Assert.Equal(1, closing.KeysClosed);
        Assert.Equal(
            [$"Result causing=-1 close={T0 + 35_001} ts={T0} key='s@{T0}' value='{Stats("s", T0, T0 + 1, 1, 1, 1, 1, 1)}' headers=null"],
            Describe(closing.Outputs));
        Assert.False(Assert.Single(closing.Rows).IsDeletion);
        Assert.Equal($"last=0 due={long.MaxValue} pending=0 windows=[]", Describe(Restored(pipeline, closing.Rows).Inspect("s")));
        Assert.Equal((0, 0, 0), (beforeHorizon.KeysClosed, beforeHorizon.Rows.Count, beforeHorizon.Outputs.Count));
        Assert.True(heldBeforeHorizon);
        Assert.Equal((0, 0), (pastHorizon.KeysClosed, pastHorizon.Outputs.Count));
        Assert.Equal(["s=null"], Describe(pastHorizon.Rows));
        Assert.False(state.Contains("s"));
        Assert.Equal(0, state.KeyCount);
    }

    [Fact]
    public void Restore_SessionKeyPastItsHorizon_IsDroppedAtTheFirstCheckpoint()
    {
        var pipeline = Named("session-final");
        var state = NewState(pipeline);
        Apply(state, Reading("s", 0, T0, T0, 1));
        var row = Assert.Single(Checkpoint(state, T0 + 35_001, 1).Rows);
        var restored = Restored(pipeline, [row]);

        var beforeHorizon = Checkpoint(restored, T0 + 65_000, 1);
        var pastHorizon = Checkpoint(restored, T0 + 70_000, 1);

        Assert.Empty(beforeHorizon.Rows);
        Assert.Equal(["s=null"], Describe(pastHorizon.Rows));
        Assert.Equal(0, restored.KeyCount);
    }

    [Fact]
    public void Flush_CheckpointAtExpiry_NoLongerHoldsTheKey()
    {
        var state = NewState(Demo());
        Apply(state, Reading("gone", 0, T0 + 1_000, T0 + 1_000, 1), Reading("kept", 1, T0 + 65_000, T0 + 65_000, 2));

        var epoch = Checkpoint(state, T0 + 70_000, 2);

        Assert.Equal(["gone=null", "kept"], Describe(epoch.Rows).Select(r => r.StartsWith("kept=", StringComparison.Ordinal) ? "kept" : r));
        Assert.False(state.Contains("gone"));
        Assert.Null(state.Inspect("gone"));
        Assert.Equal(1, state.KeyCount);
    }

    [Fact]
    public void Flush_KeyWithOnlyADeadLetter_KeepsItInItsRowUntilTakenThenDropsIt()
    {
        var state = NewState(Demo());
        Apply(state, Raw(0, T0, T0, Encoding.UTF8.GetBytes("bad")));

        var beforeItsEpoch = Checkpoint(state, T0, 0);
        var restoredBefore = Restored(Demo(), beforeItsEpoch.Rows);
        var itsEpoch = Checkpoint(state, T0, 1);
        var restoredAfter = Restored(Demo(), beforeItsEpoch.Rows.Concat(itsEpoch.Rows).GroupBy(r => r.Key).Select(g => g.Last()));

        Assert.Empty(beforeItsEpoch.Outputs);
        Assert.False(Assert.Single(beforeItsEpoch.Rows).IsDeletion);
        Assert.Equal([(OutputKind.DeadLetter, 0L)], itsEpoch.Outputs.Select(o => (o.Kind, o.CausingOffset)));
        Assert.Equal(["sensor-1=null"], Describe(itsEpoch.Rows));
        Assert.Equal(0, state.KeyCount);
        Assert.Equal(Describe(itsEpoch.Outputs), Describe(Flush(restoredBefore, T0, 1)));
        Assert.Equal(0, restoredAfter.KeyCount);
    }

    [Fact]
    public void Flush_OutputsCausedAtOrAfterEndOffset_SurviveCheckpointAndRestoreForTheNextEpoch()
    {
        var pipeline = Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)), EmitMode.OnUpdate);
        var original = NewState(pipeline);
        Apply(
            original,
            Reading("a", 0, T0 + 1_000, T0 + 1_000, 1),
            Reading("a", 1, T0 + 75_000, T0 + 75_000, 2),
            Reading("b", 2, T0 + 76_000, T0 + 76_000, 3),
            Raw("c", 3, T0 + 76_000, T0 + 76_000, Encoding.UTF8.GetBytes("bad")),
            Reading("a", 4, T0 + 2_000, T0 + 76_000, 4),
            Reading("b", 5, T0 + 77_000, T0 + 77_000, 5));

        var checkpoint = Checkpoint(original, T0 + 1_000, endOffset: 1);
        var restored = Restored(pipeline, checkpoint.Rows);
        var fromOriginal = Flush(original, T0 + 77_000, 4);
        var fromRestored = Flush(restored, T0 + 77_000, 4);
        var lastFromOriginal = Flush(original, T0 + 77_000, 6);
        var lastFromRestored = Flush(restored, T0 + 77_000, 6);

        Assert.Equal(
            [$"Result causing=0 close=-1 ts={T0 + 59_999} key='a@{T0}' value='{Stats("a", T0, T0 + 60_000, 1, 1, 1, 1, 1)}' headers=null"],
            Describe(checkpoint.Outputs));
        Assert.Equal(["a", "b", "c"], checkpoint.Rows.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                $"DeadLetter causing=3 close=-1 ts={T0 + 76_000} key='c' value='bad' headers=[os.dlq-reason='value is not a JSON number 'value': value is not a JSON object']",
                $"Result causing=1 close=-1 ts={T0 + 119_999} key='a@{T0 + 60_000}' value='{Stats("a", T0 + 60_000, T0 + 120_000, 1, 2, 2, 2, 2)}' headers=null",
                $"Result causing=2 close=-1 ts={T0 + 119_999} key='b@{T0 + 60_000}' value='{Stats("b", T0 + 60_000, T0 + 120_000, 1, 3, 3, 3, 3)}' headers=null",
            ],
            Sorted(fromRestored));
        Assert.Equal(Sorted(fromOriginal), Sorted(fromRestored));
        Assert.Equal(
            [
                $"Late causing=4 close=-1 ts={T0 + 2_000} key='a' value='{{\"value\": 4}}' headers=[os.late-windows='{T0}-{T0 + 60_000}']",
                $"Result causing=5 close=-1 ts={T0 + 119_999} key='b@{T0 + 60_000}' value='{Stats("b", T0 + 60_000, T0 + 120_000, 2, 8, 3, 5, 4)}' headers=null",
            ],
            Sorted(lastFromRestored));
        Assert.Equal(Sorted(lastFromOriginal), Sorted(lastFromRestored));
    }

    [Fact]
    public void Flush_OutputsTakenAfterACheckpoint_AreNotEmittedAgainAfterRestoringTheNextCheckpoint()
    {
        var pipeline = Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), EmitMode.OnUpdate);
        var state = NewState(pipeline);
        var store = new Dictionary<string, byte[]>();
        Apply(state, Reading("a", 0, T0 + 1_000, T0 + 1_000, 1), Raw("b", 1, T0 + 1_000, T0 + 1_000, Encoding.UTF8.GetBytes("bad")));

        Save(store, Checkpoint(state, T0 + 1_000, endOffset: 0));
        var taken = Flush(state, T0 + 1_000, endOffset: 2);
        Save(store, Checkpoint(state, T0 + 1_000, endOffset: 2));
        var restored = Restored(pipeline, store.Select(p => new KeyStateRow(p.Key, p.Value)));
        var original = Checkpoint(state, T0 + 1_000, endOffset: 2);
        var afterRestore = Checkpoint(restored, T0 + 1_000, endOffset: 2);

        Assert.Equal([(OutputKind.Result, 0L), (OutputKind.DeadLetter, 1L)], taken.Select(o => (o.Kind, o.CausingOffset)).OrderBy(o => o.Item2));
        Assert.Empty(original.Outputs);
        Assert.Equal(Describe(original.Outputs), Describe(afterRestore.Outputs));
        Assert.Equal(["a"], store.Keys);
        Assert.Equal(Describe(state.Inspect("a")), Describe(restored.Inspect("a")));
    }

    [Fact]
    public void Apply_ReplayFromTheCheckpointsEndOffsetAfterRestore_SkipsRecordsAlreadyInTheState()
    {
        var original = NewState(Demo());
        var input = History().Where(r => r.Offset != 2 || r.Value![^2] == (byte)'6').ToList();
        input.AddRange([Reading(7, T0 + 80_000, T0 + 80_000, 10), Reading("other", 8, T0 + 81_000, T0 + 81_000, 20)]);
        Apply(original, [.. input.Take(6)]);
        var checkpoint = Checkpoint(original, T0 + 65_000, endOffset: 3);
        var restored = Restored(Demo(), checkpoint.Rows);

        Apply(original, [.. input.Skip(6)]);
        Apply(restored, [.. input.Where(r => r.Offset >= 3)]);
        var fromOriginal = Checkpoint(original, T0 + 200_000, 9);
        var fromRestored = Checkpoint(restored, T0 + 200_000, 9);

        Assert.Equal(Sorted(fromOriginal.Outputs), Sorted(fromRestored.Outputs));
        Assert.Equal(Describe(fromOriginal.Rows), Describe(fromRestored.Rows));
        Assert.Contains(
            $"Result causing=-1 close={T0 + 130_000} ts={T0 + 119_999} key='sensor-1@{T0 + 60_000}' value='{Stats(T0 + 60_000, T0 + 120_000, 3, 17.5, 1.5, 10, 17.5 / 3)}' headers=null",
            Sorted(fromRestored.Outputs));
        Assert.Single(Sorted(fromRestored.Outputs), o => o.StartsWith("DeadLetter causing=4 ", StringComparison.Ordinal));
        Assert.Single(Sorted(fromRestored.Outputs), o => o.StartsWith("Late causing=5 ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Offsets 0-6 of one key: on-time readings in two windows, a dead letter (4), a late
    /// record (5) and a replay (2).
    /// </summary>
    private static StreamRecord[] History() =>
    [
        Reading(0, T0 + 1_000, T0 + 1_000, 2),
        Reading(1, T0 + 20_000, T0 + 20_000, 4),
        Reading(2, T0 + 65_000, T0 + 65_000, 6),
        Reading(2, T0 + 65_000, T0 + 65_000, 600),
        Raw(4, T0 + 66_000, T0 + 66_000, Encoding.UTF8.GetBytes("""{"temp": 21}""")),
        Reading(5, T0 + 3_000, T0 + 71_000, 8, [new RecordHeader("traceparent", Encoding.UTF8.GetBytes("00-1"))]),
        Reading(6, T0 + 72_000, T0 + 72_000, 1.5),
    ];

    /// <summary>
    /// Drives a state through four more epochs (with a replay, another key and another dead letter,
    /// and checkpoints) and describes every output, epoch by epoch, and every row.
    /// </summary>
    private static List<string> Continue(IPartitionState state)
    {
        var described = new List<string>();
        described.AddRange(Sorted(Flush(state, T0 + 72_000, 7)));
        Apply(state, Reading(6, T0 + 72_000, T0 + 72_000, 100), Reading(7, T0 + 90_000, T0 + 90_000, 3), Reading("sensor-2", 8, T0 + 100_000, T0 + 100_000, 5));
        var checkpoint = Checkpoint(state, T0 + 100_000, 9);
        described.Add("--");
        described.AddRange(Sorted(checkpoint.Outputs));
        described.AddRange(Describe(checkpoint.Rows).Select(r => "row " + r));
        Apply(state, Raw(9, T0 + 100_000, T0 + 100_000, Encoding.UTF8.GetBytes("{}")), Reading(10, T0 + 300_000, T0 + 300_000, 7));
        described.Add("--");
        described.AddRange(Sorted(Flush(state, T0 + 300_000, 11)));
        checkpoint = Checkpoint(state, T0 + 400_000, 11);
        described.Add("--");
        described.AddRange(Sorted(checkpoint.Outputs));
        described.AddRange(Describe(checkpoint.Rows).Select(r => "row " + r));
        described.Add($"keys={state.KeyCount} {Describe(state.Inspect(Key))} {Describe(state.Inspect("sensor-2"))}");
        return described;
    }

    private static void Save(Dictionary<string, byte[]> store, Epoch epoch)
    {
        foreach (var row in epoch.Rows)
        {
            if (row.IsDeletion)
            {
                store.Remove(row.Key);
            }
            else
            {
                store[row.Key] = row.Snapshot()!;
            }
        }
    }
}
