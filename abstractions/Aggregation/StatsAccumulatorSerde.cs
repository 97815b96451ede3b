using System.Buffers;
using System.Buffers.Binary;
using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Count, sum, min and max, 8 bytes each, little-endian.</summary>
internal sealed class StatsAccumulatorSerde : IFixedSizeSerde<StatsAccumulator>
{
    public int Size => 32;

    public void Serialize(StatsAccumulator value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(Size);
        BinaryPrimitives.WriteInt64LittleEndian(span, value.Count);
        BinaryPrimitives.WriteDoubleLittleEndian(span[8..], value.Sum);
        BinaryPrimitives.WriteDoubleLittleEndian(span[16..], value.Min);
        BinaryPrimitives.WriteDoubleLittleEndian(span[24..], value.Max);
        output.Advance(Size);
    }

    public StatsAccumulator Deserialize(ReadOnlySpan<byte> data)
    {
        data = SerdeGuard.Exactly(data, Size);
        return new StatsAccumulator(
            BinaryPrimitives.ReadInt64LittleEndian(data),
            BinaryPrimitives.ReadDoubleLittleEndian(data[8..]),
            BinaryPrimitives.ReadDoubleLittleEndian(data[16..]),
            BinaryPrimitives.ReadDoubleLittleEndian(data[24..]));
    }
}
