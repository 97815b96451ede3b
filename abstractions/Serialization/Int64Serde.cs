using System.Buffers;
using System.Buffers.Binary;

namespace OrleansStreams.Serialization;

/// <summary>An <see cref="long"/> in 8 bytes, little-endian.</summary>
internal sealed class Int64Serde : IFixedSizeSerde<long>
{
    public int Size => sizeof(long);

    public void Serialize(long value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(sizeof(long)), value);
        output.Advance(sizeof(long));
    }

    public long Deserialize(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadInt64LittleEndian(SerdeGuard.Exactly(data, sizeof(long)));
}
