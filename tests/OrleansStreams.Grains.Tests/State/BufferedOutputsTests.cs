using System.Buffers;
using System.Text;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Keys;
using OrleansStreams.Records;
using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

public sealed class BufferedOutputsTests
{
    [Fact]
    public void Read_WhatWriteWrote_RestoresEveryOutputWithHeadersAndNullKeysAndValues()
    {
        var outputs = SampleOutputs();
        var buffered = Buffered(outputs);

        var restored = RoundTrip(buffered);

        Assert.Equal(outputs.Length, restored.Count);
        Assert.Equal(Describe(outputs), Describe(TakeAll(restored)));
    }

    [Fact]
    public void Read_Empty_RestoresNoOutputs()
    {
        var restored = RoundTrip(new BufferedOutputs());

        Assert.Equal(0, restored.Count);
        Assert.Empty(TakeAll(restored));
    }

    [Fact]
    public void Read_IntoBufferWithOutputs_ReplacesThem()
    {
        var bytes = Write(Buffered(SampleOutputs()[..1]));
        var target = Buffered(SampleOutputs());

        Read(target, bytes);

        Assert.Equal(Describe(SampleOutputs()[..1]), Describe(TakeAll(target)));
    }

    [Fact]
    public void TakeBelow_MovesOnlyOutputsCausedBelowTheEndOffsetInTheirOrder()
    {
        var buffered = Buffered(SampleOutputs());
        var taken = new List<OutputRecord>();

        buffered.TakeBelow(12, taken);

        Assert.Equal([3L, 11L], taken.Select(o => o.CausingOffset));
        Assert.Equal(2, buffered.Count);
        Assert.Equal([12L, 4_000_000_000L], TakeAll(buffered).Select(o => o.CausingOffset));
        Assert.Equal(0, buffered.Count);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsInvalidData()
    {
        var bytes = Write(Buffered(SampleOutputs()));

        for (var length = 0; length < bytes.Length; length++)
        {
            var target = new BufferedOutputs();
            var prefix = bytes[..length];
            Assert.Throws<InvalidDataException>(() => Read(target, prefix));
        }
    }

    private static OutputRecord[] SampleOutputs() =>
    [
        new(OutputKind.DeadLetter, 3, -1, T0, Encoding.UTF8.GetBytes("sensor-1"), Encoding.UTF8.GetBytes("not json"),
            [new RecordHeader("traceparent", Encoding.UTF8.GetBytes("00-abc-01")), new RecordHeader(StreamHeaders.DeadLetterReason, Encoding.UTF8.GetBytes("value is not a JSON number 'value': value is not a JSON object"))]),
        new(OutputKind.Late, 11, -1, 0, null, null,
            [new RecordHeader("empty", []), new RecordHeader("absent", null), new RecordHeader("grüße", [0xFF, 0x00]), new RecordHeader(StreamHeaders.LateWindows, Encoding.UTF8.GetBytes($"{T0}-{T0 + 60_000}"))]),
        new(OutputKind.DeadLetter, 12, -1, 1, [], [], [new RecordHeader(StreamHeaders.DeadLetterReason, Encoding.UTF8.GetBytes("value is not a JSON number 'value': value is not a JSON object"))]),
        new(OutputKind.Late, 4_000_000_000, -1, long.MaxValue, new byte[300], Encoding.UTF8.GetBytes("{\"value\": 1}"), null),
    ];

    private static BufferedOutputs Buffered(IEnumerable<OutputRecord> outputs)
    {
        var buffered = new BufferedOutputs();
        foreach (var output in outputs)
        {
            buffered.Add(output);
        }

        return buffered;
    }

    private static List<OutputRecord> TakeAll(BufferedOutputs buffered)
    {
        var taken = new List<OutputRecord>();
        buffered.TakeBelow(long.MaxValue, taken);
        return taken;
    }

    private static BufferedOutputs RoundTrip(BufferedOutputs buffered)
    {
        var restored = new BufferedOutputs();
        Read(restored, Write(buffered));
        return restored;
    }

    private static byte[] Write(BufferedOutputs buffered)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new SnapshotWriter(buffer);
        buffered.Write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Read(BufferedOutputs target, byte[] bytes)
    {
        var reader = new SnapshotReader(bytes);
        target.Read(ref reader);
    }
}
