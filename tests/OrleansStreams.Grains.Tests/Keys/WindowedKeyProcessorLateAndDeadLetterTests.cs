using System.Text;
using OrleansStreams.Keys;
using OrleansStreams.Records;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Keys.KeyProcessorFixtures;

namespace OrleansStreams.Grains.Tests.Keys;

public sealed class WindowedKeyProcessorLateAndDeadLetterTests
{
    private static readonly RecordHeader Trace = new("traceparent", Encoding.UTF8.GetBytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

    [Fact]
    public void Apply_UnreadableValue_BuffersDeadLetterWithReasonUntilFlushPassesItsOffset()
    {
        var processor = Processor(Demo());
        var record = Raw(5, T0 + 1_000, T0 + 1_000, Encoding.UTF8.GetBytes("""{"temp": 21}"""), [Trace]);

        processor.Apply([record]);
        var atItsOffset = Flush(processor, T0 + 1_000, endOffset: 5);
        var pastItsOffset = Flush(processor, T0 + 1_000, endOffset: 6);
        var again = Flush(processor, T0 + 1_000, endOffset: 100);

        Assert.Equal(5, processor.LastApplied);
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
        Assert.Empty(processor.Windows());
    }

    [Theory]
    [InlineData("[1, 2]", "value is not a JSON object")]
    [InlineData("", "value is not a JSON object")]
    [InlineData("""{"value": "high"}""", "property 'value' is not a finite number")]
    [InlineData("""{"value": null}""", "property 'value' is not a finite number")]
    [InlineData("""{"value": 1e999}""", "property 'value' is not a finite number")]
    public void Apply_UnreadableValue_ReasonSaysWhy(string value, string why)
    {
        var processor = Processor(Demo());

        processor.Apply([Raw(0, T0, T0, Encoding.UTF8.GetBytes(value))]);

        var deadLetter = Assert.Single(Flush(processor, T0, 1));
        Assert.Equal(OutputKind.DeadLetter, deadLetter.Kind);
        Assert.Equal($"value is not a JSON number 'value': {why}", HeaderText(deadLetter, StreamHeaders.DeadLetterReason));
        Assert.Single(deadLetter.Headers!);
    }

    [Fact]
    public void Apply_NullOrBrokenValue_IsDeadLetteredUnchanged()
    {
        var processor = Processor(Demo());

        processor.Apply([Raw(0, T0, T0, null), Raw(1, T0, T0, [0x7B, 0xFF, 0x22])]);

        var outputs = Flush(processor, T0, 2);
        Assert.Equal([OutputKind.DeadLetter, OutputKind.DeadLetter], outputs.Select(o => o.Kind));
        Assert.Null(outputs[0].Value);
        Assert.Equal([0x7B, 0xFF, 0x22], outputs[1].Value);
        Assert.StartsWith("value is not a JSON number 'value': ", HeaderText(outputs[1], StreamHeaders.DeadLetterReason), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReplayedUnreadableRecord_IsDeadLetteredOnce()
    {
        var processor = Processor(Demo());
        var record = Raw(3, T0, T0, Encoding.UTF8.GetBytes("oops"));

        processor.Apply([record]);
        processor.Apply([record]);
        var first = Flush(processor, T0, 4);
        processor.Apply([record]);
        var second = Flush(processor, T0, 4);

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public void Apply_RecordLateForItsWindow_BuffersLateOutputNamingTheMissedWindowWithTheOriginalBytes()
    {
        var processor = Processor(Demo());
        var late = Reading(1, T0 + 10_000, T0 + 70_000, 99, [Trace]);

        processor.Apply([Reading(0, T0 + 70_000, T0 + 70_000, 1), late]);
        var atItsOffset = Flush(processor, T0 + 70_000, endOffset: 1);
        var pastItsOffset = Flush(processor, T0 + 70_000, endOffset: 2);

        Assert.Equal(1, processor.LastApplied);
        Assert.Empty(atItsOffset);
        var output = Assert.Single(pastItsOffset);
        Assert.Equal(OutputKind.Late, output.Kind);
        Assert.Equal((1L, -1L, T0 + 10_000), (output.CausingOffset, output.CloseTime, output.Timestamp));
        Assert.Equal(late.Key, output.Key);
        Assert.Equal(late.Value, output.Value);
        Assert.Equal(Trace, output.Headers![0]);
        Assert.Equal($"{T0}-{T0 + 60_000}", HeaderText(output, StreamHeaders.LateWindows));
        Assert.Equal(2, output.Headers.Length);
        Assert.Equal([new WindowState(T0 + 60_000, T0 + 120_000, false, Stats(T0 + 60_000, T0 + 120_000, 1, 1, 1, 1, 1))], processor.Windows());
    }

    [Fact]
    public void Apply_StreamTimeOneMillisecondBeforeClose_IsStillOnTime()
    {
        var processor = Processor(Demo());

        processor.Apply([Reading(0, T0 + 69_999, T0 + 69_999, 1), Reading(1, T0 + 10_000, T0 + 69_999, 2)]);

        Assert.Empty(Flush(processor, T0 + 69_999, 2));
        Assert.Equal(Stats(T0, T0 + 60_000, 1, 2, 2, 2, 2), processor.Windows()[0].Result);
    }

    [Fact]
    public void Apply_HoppingRecordLateForOneOfItsWindows_IsAppliedToTheOtherAndReportsTheMissedOne()
    {
        var processor = Processor(Hopping(EmitMode.Final));

        processor.Apply([Reading(0, T0 + 120_000, T0 + 120_000, 1), Reading(1, T0 + 90_000, T0 + 120_000, 5)]);

        var late = Assert.Single(Flush(processor, T0 + 119_999, 2));
        Assert.Equal(OutputKind.Late, late.Kind);
        Assert.Equal($"{T0}-{T0 + 120_000}", HeaderText(late, StreamHeaders.LateWindows));
        Assert.Equal(
            [
                new WindowState(T0 + 60_000, T0 + 180_000, false, Stats(T0 + 60_000, T0 + 180_000, 2, 6, 1, 5, 3)),
                new WindowState(T0 + 120_000, T0 + 240_000, false, Stats(T0 + 120_000, T0 + 240_000, 1, 1, 1, 1, 1)),
            ],
            processor.Windows());
    }

    [Fact]
    public void Apply_HoppingRecordLateForAllItsWindows_NamesEveryMissedWindowInStartOrder()
    {
        var processor = Processor(Hopping(EmitMode.Final));

        processor.Apply([Reading(0, T0 + 180_000, T0 + 180_000, 1), Reading(1, T0 + 90_000, T0 + 180_000, 5)]);

        var late = Assert.Single(Flush(processor, T0 + 180_000, 2), o => o.Kind == OutputKind.Late);
        Assert.Equal($"{T0}-{T0 + 120_000},{T0 + 60_000}-{T0 + 180_000}", HeaderText(late, StreamHeaders.LateWindows));
        Assert.DoesNotContain(processor.Windows(), w => w.Start < T0 + 120_000);
    }

    [Fact]
    public void Apply_LateRecordWithoutLateTopic_IsCountedAsAppliedAndDropped()
    {
        var processor = Processor(Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), EmitMode.Final, lateTopic: false));

        processor.Apply([Reading(0, T0 + 60_000, T0 + 60_000, 1), Reading(1, T0 + 10_000, T0 + 60_000, 2)]);

        Assert.Equal(1, processor.LastApplied);
        Assert.Empty(Flush(processor, T0 + 60_000, 2));
        Assert.Equal(Stats(T0 + 60_000, T0 + 120_000, 1, 1, 1, 1, 1), Assert.Single(processor.Windows()).Result);
    }

    [Fact]
    public void Flush_LateAndDeadLetterOutputs_AreReleasedEpochByEpochInOffsetOrder()
    {
        var processor = Processor(Demo());
        processor.Apply([
            Reading(0, T0 + 80_000, T0 + 80_000, 1),
            Raw(1, T0 + 80_000, T0 + 80_000, Encoding.UTF8.GetBytes("bad")),
            Reading(2, T0 + 1_000, T0 + 80_000, 2),
            Raw(3, T0 + 80_000, T0 + 80_000, Encoding.UTF8.GetBytes("worse")),
        ]);

        var upToTwo = Flush(processor, T0 + 80_000, 3);
        var rest = Flush(processor, T0 + 80_000, 4);

        Assert.Equal([(OutputKind.DeadLetter, 1L), (OutputKind.Late, 2L)], upToTwo.Select(o => (o.Kind, o.CausingOffset)));
        Assert.Equal([(OutputKind.DeadLetter, 3L)], rest.Select(o => (o.Kind, o.CausingOffset)));
    }
}
