using System.Buffers;
using System.Buffers.Binary;
using OrleansStreams.Aggregation;
using OrleansStreams.Serialization;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>
/// Collects the offsets of the records in a window, so tests see exactly which records a window
/// holds. Adding an offset twice or merging overlapping sets throws: double counting is a bug.
/// Its serde is variable-size (count, then 8 bytes per offset).
/// </summary>
internal sealed class OffsetSetAggregator : IAggregator<long, long[], string>, ISerde<long[]>
{
    public static OffsetSetAggregator Instance { get; } = new();

    public ISerde<long[]> AccumulatorSerde => this;

    public long[] Initialize() => [];

    public long[] Add(long[] accumulator, long value)
    {
        var index = Array.BinarySearch(accumulator, value);
        if (index >= 0)
        {
            throw new InvalidOperationException($"Offset {value} added twice to one window.");
        }

        index = ~index;
        var result = new long[accumulator.Length + 1];
        accumulator.AsSpan(0, index).CopyTo(result);
        result[index] = value;
        accumulator.AsSpan(index).CopyTo(result.AsSpan(index + 1));
        return result;
    }

    public long[] Merge(long[] left, long[] right)
    {
        var result = left.Concat(right).Order().ToArray();
        if (result.Distinct().Count() != result.Length)
        {
            throw new InvalidOperationException("Merged accumulators overlap.");
        }

        return result;
    }

    public string Result(long[] accumulator) => Format(accumulator);

    public static string Format(IEnumerable<long> offsets) => string.Join(",", offsets.Order());

    public void Serialize(long[] value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(1 + (8 * value.Length));
        span[0] = checked((byte)value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[(1 + (8 * i))..], value[i]);
        }

        output.Advance(1 + (8 * value.Length));
    }

    public long[] Deserialize(ReadOnlySpan<byte> data)
    {
        var result = new long[data[0]];
        Assert.Equal(1 + (8 * result.Length), data.Length);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadInt64LittleEndian(data[(1 + (8 * i))..]);
        }

        return result;
    }
}
