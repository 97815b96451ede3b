using System.Buffers;
using System.Buffers.Binary;

namespace OrleansStreams.Serialization;

/// <summary>A <see cref="double"/> in 8 bytes (IEEE 754 binary64), little-endian.</summary>
internal sealed class DoubleSerde : IFixedSizeSerde<double>
{
    public int Size => sizeof(double);

    public void Serialize(double value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(sizeof(double)), value);
        output.Advance(sizeof(double));
    }

    public double Deserialize(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadDoubleLittleEndian(SerdeGuard.Exactly(data, sizeof(double)));
}
