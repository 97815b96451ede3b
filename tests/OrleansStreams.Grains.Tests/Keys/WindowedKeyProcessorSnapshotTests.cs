using System.Buffers;
using System.Text;
using OrleansStreams.Grains.Keys;
using OrleansStreams.Keys;
using OrleansStreams.Records;
using static OrleansStreams.Grains.Tests.Keys.KeyProcessorFixtures;

namespace OrleansStreams.Grains.Tests.Keys;

public sealed class WindowedKeyProcessorSnapshotTests
{
    public static TheoryData<string> Pipelines => ["demo", "hopping-on-update", "session-final", "sliding-on-update"];

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Restore_SnapshotOnFreshProcessor_ReproducesLastAppliedWindowsAndBufferedOutputs(string pipeline)
    {
        var original = Processor(Named(pipeline));
        original.Apply(History());
        Flush(original, T0 + 75_000, endOffset: 3);
        var snapshot = Snapshot(original);

        var restored = Processor(Named(pipeline));
        restored.Restore(snapshot);

        Assert.Equal(original.LastApplied, restored.LastApplied);
        Assert.Equal(6, restored.LastApplied);
        Assert.Equal(original.NextDueTime, restored.NextDueTime);
        Assert.Equal(original.Windows(), restored.Windows());
        Assert.NotEmpty(restored.Windows());
        Assert.Equal(snapshot, Snapshot(restored));
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Restore_ThenTheSameInputs_GivesTheSameOutputsAsTheUninterruptedKey(string pipeline)
    {
        var original = Processor(Named(pipeline));
        original.Apply(History());
        Flush(original, T0 + 75_000, endOffset: 3);
        var restored = Processor(Named(pipeline));
        restored.Restore(Snapshot(original));

        var expected = Continue(original);
        var actual = Continue(restored);

        Assert.Equal(expected, actual);
        Assert.Contains(expected, o => o.StartsWith("DeadLetter causing=4 ", StringComparison.Ordinal));
        Assert.Contains(expected, o => o.StartsWith("DeadLetter causing=9 ", StringComparison.Ordinal));
        Assert.Contains(expected, o => o.StartsWith("Result ", StringComparison.Ordinal));
        Assert.Equal(Snapshot(original), Snapshot(restored));
    }

    [Fact]
    public void Restore_BufferedOutputs_ComeOutWithTheirHeadersAndOriginalBytes()
    {
        var original = Processor(Demo());
        original.Apply(History());
        var restored = Processor(Demo());
        restored.Restore(Snapshot(original));

        var fromOriginal = Describe(Flush(original, T0 + 75_000, endOffset: 7));
        var fromRestored = Describe(Flush(restored, T0 + 75_000, endOffset: 7));

        Assert.Equal(fromOriginal, fromRestored);
        var forwarded = fromRestored.Where(o => !o.StartsWith("Result ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, forwarded.Length);
        Assert.Equal(
            $"DeadLetter causing=4 close=-1 ts={T0 + 66_000} key='sensor-1' value='{{\"temp\": 21}}' headers=[os.dlq-reason='value is not a JSON number 'value': value has no property 'value'']",
            forwarded[0]);
        Assert.Equal(
            $"Late causing=5 close=-1 ts={T0 + 3_000} key='sensor-1' value='{{\"value\": 8}}' headers=[traceparent='00-1', os.late-windows='{T0}-{T0 + 60_000}']",
            forwarded[1]);
    }

    [Fact]
    public void Restore_EmptySnapshot_IsTheFreshState()
    {
        var processor = Processor(Demo());
        processor.Apply(History());

        processor.Restore([]);

        Assert.Equal(-1, processor.LastApplied);
        Assert.Equal(long.MaxValue, processor.NextDueTime);
        Assert.Empty(processor.Windows());
        Assert.Empty(Flush(processor, long.MaxValue - 1, long.MaxValue));
        Assert.Equal(Snapshot(Processor(Demo())), Snapshot(processor));
    }

    [Fact]
    public void Restore_OverExistingState_ReplacesIt()
    {
        var older = Processor(Demo());
        older.Apply([Reading(0, T0 + 1_000, T0 + 1_000, 1)]);
        var snapshot = Snapshot(older);
        var processor = Processor(Demo());
        processor.Apply(History());

        processor.Restore(snapshot);

        Assert.Equal(0, processor.LastApplied);
        Assert.Equal(older.Windows(), processor.Windows());
        Assert.Equal(snapshot, Snapshot(processor));
    }

    [Fact]
    public void Restore_UnknownVersion_Throws()
    {
        var snapshot = Snapshot(Processor(Demo()));
        snapshot[0] = 99;

        var e = Assert.Throws<InvalidDataException>(() => Processor(Demo()).Restore(snapshot));

        Assert.Equal("key snapshot version 99 is not supported (expected 1)", e.Message);
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

    /// <summary>Drives a key through three more epochs (with a replay and another dead letter) and describes every output.</summary>
    private static List<string> Continue(IKeyProcessor processor)
    {
        var outputs = new List<OutputRecord>();
        processor.Flush(T0 + 72_000, 7, outputs);
        processor.Apply([Reading(6, T0 + 72_000, T0 + 72_000, 100), Reading(7, T0 + 90_000, T0 + 90_000, 3), Reading(8, T0 + 100_000, T0 + 100_000, 5)]);
        processor.Flush(T0 + 100_000, 9, outputs);
        processor.Apply([Raw(9, T0 + 100_000, T0 + 100_000, Encoding.UTF8.GetBytes("{}")), Reading(10, T0 + 300_000, T0 + 300_000, 7)]);
        processor.Flush(T0 + 300_000, 11, outputs);
        return [.. Describe(outputs), $"last={processor.LastApplied} due={processor.NextDueTime}"];
    }

    private static byte[] Snapshot(IKeyProcessor processor)
    {
        var buffer = new ArrayBufferWriter<byte>();
        processor.WriteSnapshot(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
