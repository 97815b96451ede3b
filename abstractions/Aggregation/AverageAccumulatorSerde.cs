using System.Buffers;
using System.Buffers.Binary;
using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Count (8 bytes) then sum (8 bytes), little-endian.</summary>
internal sealed class AverageAccumulatorSerde : IFixedSizeSerde<AverageAccumulator>
{
    public int Size => 16;

    public void Serialize(AverageAccumulator value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(Size);
        BinaryPrimitives.WriteInt64LittleEndian(span, value.Count);
        BinaryPrimitives.WriteDoubleLittleEndian(span[8..], value.Sum);
        output.Advance(Size);
    }

    public AverageAccumulator Deserialize(ReadOnlySpan<byte> data)
    {
        data = SerdeGuard.Exactly(data, Size);
        return new AverageAccumulator(
            BinaryPrimitives.ReadInt64LittleEndian(data),
            BinaryPrimitives.ReadDoubleLittleEndian(data[8..]));
    }
}
