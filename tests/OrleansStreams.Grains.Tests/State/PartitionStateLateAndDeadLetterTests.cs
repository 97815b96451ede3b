using System.Text;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Records;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

public sealed class PartitionStateLateAndDeadLetterTests
{
    private static readonly RecordHeader Trace = new("traceparent", Encoding.UTF8.GetBytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

    [Fact]
    public void Apply_UnreadableValue_BuffersDeadLetterWithReasonUntilFlushPassesItsOffset()
    {
        var state = NewState(Demo());
        var record = Raw(5, T0 + 1_000, T0 + 1_000, Encoding.UTF8.GetBytes("""{"temp": 21}"""), [Trace]);

        Apply(state, record);
        var pending = state.Inspect(Key)!.PendingOutputs;
        var atItsOffset = Flush(state, T0 + 1_000, endOffset: 5);
        var pastItsOffset = Flush(state, T0 + 1_000, endOffset: 6);
        var again = Flush(state, T0 + 1_000, endOffset: 100);

        Assert.Equal(1, pending);
        Assert.Equal(5, state.Inspect(Key)!.LastOffset);
        Assert.Empty(atItsOffset);
        var deadLetter = Assert.Single(pastItsOffset);
        Assert.Equal(OutputKind.DeadLetter, deadLetter.Kind);
        Assert.Equal((5L, -1L, T0 + 1_000), (deadLetter.CausingOffset, deadLetter.CloseTime, deadLetter.Timestamp));
        Assert.Equal(record.Key, deadLetter.Key);
        Assert.Equal(record.Value, deadLetter.Value);
        Assert.Equal(
            [
                Trace.Key + "=" + Bytes(Trace.Value),
                $"{StreamHeaders.DeadLetterReason}='value is not a JSON number 'value': value has no property 'value''",
            ],
            deadLetter.Headers!.Select(h => h.Key + "=" + Bytes(h.Value)));
        Assert.Empty(again);
        Assert.Empty(WindowsOf(state));
        Assert.Equal(0, state.Inspect(Key)!.PendingOutputs);
    }

    [Theory]
    [InlineData("[1, 2]", "value is not a JSON object")]
    [InlineData("", "value is not a JSON object")]
    [InlineData("""{"value": "high"}""", "property 'value' is not a finite number")]
    [InlineData("""{"value": null}""", "property 'value' is not a finite number")]
    [InlineData("""{"value": 1e999}""", "property 'value' is not a finite number")]
    public void Apply_UnreadableValue_ReasonSaysWhy(string value, string why)
    {
        var state = NewState(Demo());

        Apply(state, Raw(0, T0, T0, Encoding.UTF8.GetBytes(value)));

        var deadLetter = Assert.Single(Flush(state, T0, 1));
        Assert.Equal(OutputKind.DeadLetter, deadLetter.Kind);
        Assert.Equal($"value is not a JSON number 'value': {why}", HeaderText(deadLetter, StreamHeaders.DeadLetterReason));
        Assert.Single(deadLetter.Headers!);
    }

    [Fact]
    public void Apply_NullOrBrokenValue_IsDeadLetteredUnchanged()
    {
        var state = NewState(Demo());

        Apply(state, Raw(0, T0, T0, null), Raw(1, T0, T0, [0x7B, 0xFF, 0x22]));

        var outputs = Flush(state, T0, 2);
        Assert.Equal([OutputKind.DeadLetter, OutputKind.DeadLetter], outputs.Select(o => o.Kind));
        Assert.Null(outputs[0].Value);
        Assert.Equal([0x7B, 0xFF, 0x22], outputs[1].Value);
        Assert.StartsWith("value is not a JSON number 'value': ", HeaderText(outputs[1], StreamHeaders.DeadLetterReason), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReplayedUnreadableRecord_IsDeadLetteredOnce()
    {
        var state = NewState(Demo());
        var record = Raw(3, T0, T0, Encoding.UTF8.GetBytes("oops"));

        Apply(state, record);
        Apply(state, record);
        var first = Flush(state, T0, 4);
        Apply(state, record);
        var second = Flush(state, T0, 4);

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public void Apply_RecordLateForItsWindow_BuffersLateOutputNamingTheMissedWindowWithTheOriginalBytes()
    {
        var state = NewState(Demo());
        var late = Reading(1, T0 + 10_000, T0 + 70_000, 99, [Trace]);

        Apply(state, Reading(0, T0 + 70_000, T0 + 70_000, 1), late);
        var atItsOffset = Flush(state, T0 + 70_000, endOffset: 1);
        var pastItsOffset = Flush(state, T0 + 70_000, endOffset: 2);

        Assert.Equal(1, state.Inspect(Key)!.LastOffset);
        Assert.Empty(atItsOffset);
        var output = Assert.Single(pastItsOffset);
        Assert.Equal(OutputKind.Late, output.Kind);
        Assert.Equal((1L, -1L, T0 + 10_000), (output.CausingOffset, output.CloseTime, output.Timestamp));
        Assert.Equal(late.Key, output.Key);
        Assert.Equal(late.Value, output.Value);
        Assert.Equal(Trace, output.Headers![0]);
        Assert.Equal($"{T0}-{T0 + 60_000}", HeaderText(output, StreamHeaders.LateWindows));
        Assert.Equal(2, output.Headers.Length);
        Assert.Equal([new WindowInspection(T0 + 60_000, T0 + 120_000, false, Stats(T0 + 60_000, T0 + 120_000, 1, 1, 1, 1, 1))], WindowsOf(state));
    }

    [Fact]
    public void Apply_StreamTimeOneMillisecondBeforeClose_IsStillOnTime()
    {
        var state = NewState(Demo());

        Apply(state, Reading(0, T0 + 69_999, T0 + 69_999, 1), Reading(1, T0 + 10_000, T0 + 69_999, 2));

        Assert.Empty(Flush(state, T0 + 69_999, 2));
        Assert.Equal(Stats(T0, T0 + 60_000, 1, 2, 2, 2, 2), WindowsOf(state)[0].Result);
    }

    [Fact]
    public void Apply_HoppingRecordLateForOneOfItsWindows_IsAppliedToTheOtherAndReportsTheMissedOne()
    {
        var state = NewState(Hopping(EmitMode.Final));

        Apply(state, Reading(0, T0 + 120_000, T0 + 120_000, 1), Reading(1, T0 + 90_000, T0 + 120_000, 5));

        var late = Assert.Single(Flush(state, T0 + 119_999, 2));
        Assert.Equal(OutputKind.Late, late.Kind);
        Assert.Equal($"{T0}-{T0 + 120_000}", HeaderText(late, StreamHeaders.LateWindows));
        Assert.Equal(
            [
                new WindowInspection(T0 + 60_000, T0 + 180_000, false, Stats(T0 + 60_000, T0 + 180_000, 2, 6, 1, 5, 3)),
                new WindowInspection(T0 + 120_000, T0 + 240_000, false, Stats(T0 + 120_000, T0 + 240_000, 1, 1, 1, 1, 1)),
            ],
            WindowsOf(state));
    }

    [Fact]
    public void Apply_HoppingRecordLateForAllItsWindows_NamesEveryMissedWindowInStartOrder()
    {
        var state = NewState(Hopping(EmitMode.Final));

        Apply(state, Reading(0, T0 + 180_000, T0 + 180_000, 1), Reading(1, T0 + 90_000, T0 + 180_000, 5));

        var late = Assert.Single(Flush(state, T0 + 180_000, 2), o => o.Kind == OutputKind.Late);
        Assert.Equal($"{T0}-{T0 + 120_000},{T0 + 60_000}-{T0 + 180_000}", HeaderText(late, StreamHeaders.LateWindows));
        Assert.DoesNotContain(WindowsOf(state), w => w.Start < T0 + 120_000);
    }

    [Fact]
    public void Apply_LateRecordWithoutLateTopic_AppliedAndLeftOutOfTheWindows_ItsLateOutputGoesToTheEpochForTheCount()
    {
        var pipeline = Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), EmitMode.Final, lateTopic: false);
        var state = NewState(pipeline);

        Apply(state, Reading(0, T0 + 60_000, T0 + 60_000, 1), Reading(1, T0 + 10_000, T0 + 60_000, 2));

        Assert.Equal(1, state.Inspect(Key)!.LastOffset);
        var late = Assert.Single(Flush(state, T0 + 60_000, 2)); // counted by the epoch, skipped by the producer (no topic)
        Assert.Equal((OutputKind.Late, 1L), (late.Kind, late.CausingOffset));
        Assert.Null(pipeline.TopicFor(OutputKind.Late));
        Assert.Equal(Stats(T0 + 60_000, T0 + 120_000, 1, 1, 1, 1, 1), Assert.Single(WindowsOf(state)).Result);
    }

    [Fact]
    public void Flush_LateAndDeadLetterOutputs_AreReleasedEpochByEpochInOffsetOrder()
    {
        var state = NewState(Demo());
        Apply(
            state,
            Reading(0, T0 + 80_000, T0 + 80_000, 1),
            Raw(1, T0 + 80_000, T0 + 80_000, Encoding.UTF8.GetBytes("bad")),
            Reading(2, T0 + 1_000, T0 + 80_000, 2),
            Raw(3, T0 + 80_000, T0 + 80_000, Encoding.UTF8.GetBytes("worse")));

        var upToTwo = Flush(state, T0 + 80_000, 3);
        var rest = Flush(state, T0 + 80_000, 4);

        Assert.Equal([(OutputKind.DeadLetter, 1L), (OutputKind.Late, 2L)], upToTwo.Select(o => (o.Kind, o.CausingOffset)));
        Assert.Equal([(OutputKind.DeadLetter, 3L)], rest.Select(o => (o.Kind, o.CausingOffset)));
    }

    [Fact]
    public void Apply_LateAndDeadLettersOfSeveralKeys_EachKeysOutputsCarryItsOwnRecord()
    {
        var state = NewState(Demo());
        Apply(
            state,
            Reading("a", 0, T0 + 80_000, T0 + 80_000, 1),
            Raw("b", 1, T0 + 80_000, T0 + 80_000, Encoding.UTF8.GetBytes("bad")),
            Reading("b", 2, T0 + 1_000, T0 + 80_000, 2),
            Reading("c", 3, T0 + 2_000, T0 + 80_000, 3));

        var outputs = Flush(state, T0 + 80_000, 4);

        Assert.Equal(
            [(OutputKind.DeadLetter, 1L, "b"), (OutputKind.Late, 2L, "b"), (OutputKind.Late, 3L, "c")],
            outputs.Select(o => (o.Kind, o.CausingOffset, Encoding.UTF8.GetString(o.Key!))).OrderBy(o => o.Item2));
        Assert.Equal(3, state.KeyCount);
        Assert.Empty(WindowsOf(state, "b"));
        Assert.Empty(WindowsOf(state, "c"));
    }

    [Fact]
    public void Apply_ForeignKeyNotHeld_IsDeadLetteredNamingItsOwnerAndNothingIsHeldForIt()
    {
        var state = NewState(Demo());
        var foreign = new Dictionary<string, int> { ["elsewhere"] = 3 };
        var record = Reading("elsewhere", 0, T0 + 1_000, T0 + 1_000, 7, [Trace]);

        Apply(state, foreign, record, Reading("here", 1, T0 + 2_000, T0 + 2_000, 1));
        var epoch = Checkpoint(state, T0 + 70_000, 2);

        Assert.False(state.Contains("elsewhere"));
        Assert.Null(state.Inspect("elsewhere"));
        Assert.Equal(
            [
                $"DeadLetter causing=0 close=-1 ts={T0 + 1_000} key='elsewhere' value='{{\"value\": 7}}' headers=[traceparent={Bytes(Trace.Value)}, "
                    + $"{StreamHeaders.DeadLetterReason}='key 'elsewhere' belongs to partition 3, not 0: the input topic is not partitioned by this pipeline's key']",
                $"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='here@{T0}' value='{Stats("here", T0, T0 + 60_000, 1, 1, 1, 1, 1)}' headers=null",
            ],
            Sorted(epoch.Outputs));
        Assert.Equal(["here=null"], Describe(epoch.Rows));
        Assert.Equal(0, state.KeyCount);
    }

    [Theory]
    [InlineData(1_024, null)]
    [InlineData(1_025, "key of 1025 bytes exceeds the limit of 1024 bytes")]
    [InlineData(-1, "key contains a NUL character")]
    public void Apply_KeyNoStoreCanHold_IsDeadLetteredWithTheReasonAndNotHeld(int length, string? reason)
    {
        // Two-byte characters: the limit counts UTF-8 bytes, not characters.
        var key = length < 0 ? "a\0b" : new string('é', length / 2) + (length % 2 == 1 ? "x" : string.Empty);
        var state = NewState(Demo());

        Apply(state, Reading(key, 0, T0 + 1_000, T0 + 1_000, 7));
        var outputs = Flush(state, T0 + 1_000, 1);

        if (reason is null)
        {
            Assert.True(state.Contains(key));
            Assert.Empty(outputs);
            return;
        }

        Assert.False(state.Contains(key));
        var deadLetter = Assert.Single(outputs);
        Assert.Equal((OutputKind.DeadLetter, 0L), (deadLetter.Kind, deadLetter.CausingOffset));
        Assert.Equal(reason, HeaderText(deadLetter, StreamHeaders.DeadLetterReason));
    }

    [Fact]
    public void Flush_ForeignDeadLetterAtOrAfterEndOffset_WaitsForItsEpoch()
    {
        var state = NewState(Demo());
        var foreign = new Dictionary<string, int> { ["elsewhere"] = 1 };

        Apply(state, foreign, Reading("elsewhere", 4, T0, T0, 1), Reading("elsewhere", 6, T0, T0, 2));
        var first = Flush(state, T0, 4);
        var second = Flush(state, T0, 5);
        var third = Flush(state, T0, 7);
        var fourth = Flush(state, T0, 100);

        Assert.Empty(first);
        Assert.Equal([4L], second.Select(o => o.CausingOffset));
        Assert.Equal([6L], third.Select(o => o.CausingOffset));
        Assert.Empty(fourth);
    }

    [Fact]
    public void Apply_HeldKeyListedAsForeign_IsStillProcessedHere()
    {
        var state = NewState(Demo());
        Apply(state, Reading("a", 0, T0 + 1_000, T0 + 1_000, 1));

        Apply(state, new Dictionary<string, int> { ["a"] = 2 }, Reading("a", 1, T0 + 2_000, T0 + 2_000, 2));

        Assert.Equal(
            [$"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='a@{T0}' value='{Stats("a", T0, T0 + 60_000, 2, 3, 1, 2, 1.5)}' headers=null"],
            Describe(Flush(state, T0 + 70_000, 2)));
    }
}
