using System.Buffers;
using OrleansStreams.Aggregation;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

public sealed class WindowSnapshotTests
{
    private const int Seeds = 40;

    [Theory]
    [MemberData(nameof(WindowEngineReferenceTests.Configurations), MemberType = typeof(WindowEngineReferenceTests))]
    public void RestoreSnapshot_RandomSplits_ContinuesExactlyLikeAnUninterruptedRun(WindowKind kind, EmitMode emitMode)
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random((seed * 7919) + ((int)kind * 13) + (int)emitMode);
            var partition = RandomPartition.Create(random, kind);
            RunSplit(partition, emitMode, random, OffsetSetAggregator.Instance, offset => offset);
            RunSplit(partition, emitMode, random, Aggregators.Stats, offset => (offset % 17) - 4.25);
        }
    }

    [Fact]
    public void RestoreSnapshot_MultiSegmentSequence_RestoresTheSameState()
    {
        var engine = new TestEngine(WindowSpec.Session(Ms(5)).WithRetention(Ms(50)), EmitMode.OnUpdate);
        engine.Put(10, 0);
        engine.Put(14, 1);
        engine.Put(30, 2);
        engine.Engine.CloseDue(25);
        var bytes = Snapshot(engine.Engine);

        var restored = new TestEngine(engine.Engine.Spec, EmitMode.OnUpdate);
        restored.Engine.RestoreSnapshot(Segments(bytes, 3));

        Assert.Equal(bytes, Snapshot(restored.Engine));
        Assert.Equal(engine.Windows(), restored.Windows());
        Assert.Equal(engine.Take(), restored.Take());
    }

    [Fact]
    public void WriteSnapshot_TypicalTumblingStatsKey_TakesEightySevenBytes()
    {
        var engine = new WindowEngine<double, StatsAccumulator, WindowStats>(
            WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(30)), EmitMode.Final, Aggregators.Stats);
        var now = 1_764_000_000_000L; // a minute boundary: windows [now - 60 s, now) and [now, now + 60 s)
        engine.Apply(now - 20_000, now, 1_000_000, 3.5);
        engine.Apply(now, now, 1_000_001, 4.5);

        // 1 version + 4 fingerprint + 1 flags + 3 offset + 6 stream time + 1 count
        // + 2 * (3 start delta + 32 accumulator) + 1 output count.
        Assert.Equal(87, Snapshot(engine).Length);
    }

    [Fact]
    public void RestoreSnapshot_UnknownVersion_ThrowsAndKeepsState()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(5, 0);
        var bytes = Snapshot(engine.Engine);
        bytes[0] = 2;

        var error = Assert.Throws<InvalidDataException>(() => engine.Engine.RestoreSnapshot(bytes));

        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(["[0, 10) 0"], engine.Windows());
    }

    [Fact]
    public void RestoreSnapshot_OtherSpec_Throws()
    {
        var engine = new TestEngine(WindowSpec.Tumbling(Ms(10)));
        engine.Put(5, 0);

        var other = new TestEngine(WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(1)));

        Assert.Throws<InvalidDataException>(() => other.Engine.RestoreSnapshot(Snapshot(engine.Engine)));
    }

    [Fact]
    public void RestoreSnapshot_TruncatedOrExtended_Throws()
    {
        var engine = new TestEngine(WindowSpec.Sliding(Ms(5)), EmitMode.OnUpdate);
        engine.Put(10, 0);
        engine.Put(12, 1);
        var bytes = Snapshot(engine.Engine);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => engine.Engine.RestoreSnapshot(bytes.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => engine.Engine.RestoreSnapshot([.. bytes, 0]));
    }

    private static void RunSplit<TInput, TAccumulator, TResult>(
        RandomPartition partition, EmitMode emitMode, Random random,
        IAggregator<TInput, TAccumulator, TResult> aggregator, Func<long, TInput> value)
    {
        var spec = partition.Spec;
        var uninterrupted = new WindowEngine<TInput, TAccumulator, TResult>(spec, emitMode, aggregator);
        var restored = new WindowEngine<TInput, TAccumulator, TResult>(spec, emitMode, aggregator);
        long bound = 0;
        for (var i = 0; i < partition.Length; i++)
        {
            if (partition.Ours[i])
            {
                var expected = uninterrupted.Apply(partition.EventTimes[i], partition.StreamTimes[i], i, value(i));
                var actual = restored.Apply(partition.EventTimes[i], partition.StreamTimes[i], i, value(i));
                Assert.Equal(expected.Status, actual.Status);
                Assert.Equal(expected.MissedWindows.ToArray(), actual.MissedWindows.ToArray());
            }

            if (random.Next(3) == 0)
            {
                var bytes = Snapshot(restored);
                restored = new WindowEngine<TInput, TAccumulator, TResult>(spec, emitMode, aggregator);
                restored.RestoreSnapshot(bytes);
            }

            if (random.Next(5) == 0)
            {
                bound = random.NextInt64(bound, i + 2);
                var streamTime = bound > 0 ? partition.StreamTimes[bound - 1] : long.MinValue;
                Assert.Equal(uninterrupted.CloseDue(streamTime), restored.CloseDue(streamTime));
                Assert.Equal(Take(uninterrupted, bound), Take(restored, bound));
            }
        }

        Assert.Equal(Take(uninterrupted, long.MaxValue), Take(restored, long.MaxValue));
        Assert.Equal(Windows(uninterrupted), Windows(restored));
        Assert.Equal(uninterrupted.NextDueTime, restored.NextDueTime);
        Assert.Equal(Snapshot(uninterrupted), Snapshot(restored));
    }

    private static byte[] Snapshot<TInput, TAccumulator, TResult>(WindowEngine<TInput, TAccumulator, TResult> engine)
    {
        var writer = new ArrayBufferWriter<byte>();
        engine.WriteSnapshot(writer);
        return writer.WrittenSpan.ToArray();
    }

    private static List<WindowOutput<TResult>> Take<TInput, TAccumulator, TResult>(
        WindowEngine<TInput, TAccumulator, TResult> engine, long bound)
    {
        var outputs = new List<WindowOutput<TResult>>();
        engine.TakeOutputs(bound, outputs);
        return outputs;
    }

    private static List<WindowResult<TResult>> Windows<TInput, TAccumulator, TResult>(WindowEngine<TInput, TAccumulator, TResult> engine)
    {
        var windows = new List<WindowResult<TResult>>();
        engine.GetWindows(windows);
        return windows;
    }

    private static ReadOnlySequence<byte> Segments(byte[] bytes, int segmentLength)
    {
        Segment? first = null, last = null;
        for (var start = 0; start < bytes.Length; start += segmentLength)
        {
            var memory = bytes.AsMemory(start, Math.Min(segmentLength, bytes.Length - start));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
