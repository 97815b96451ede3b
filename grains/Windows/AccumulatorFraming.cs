using System.Buffers;
using OrleansStreams.Serialization;

namespace OrleansStreams.Grains.Windows;

/// <summary>
/// Frames accumulators in a snapshot: exactly <see cref="IFixedSizeSerde{T}.Size"/> bytes for a
/// fixed-size serde, otherwise a varint length followed by the serde's bytes.
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator type.</typeparam>
internal sealed class AccumulatorFraming<TAccumulator>(ISerde<TAccumulator> serde)
{
    private readonly ArrayBufferWriter<byte> _scratch = new(64);

    /// <summary>The fixed size in bytes, or -1 when values are length-prefixed.</summary>
    public int FixedSize { get; } = serde is IFixedSizeSerde<TAccumulator> fixedSize ? fixedSize.Size : -1;

    public void Write(ref SnapshotWriter writer, TAccumulator accumulator)
    {
        _scratch.ResetWrittenCount();
        serde.Serialize(accumulator, _scratch);
        var bytes = _scratch.WrittenSpan;
        if (FixedSize < 0)
        {
            writer.WriteVarUInt64((ulong)bytes.Length);
        }
        else if (bytes.Length != FixedSize)
        {
            throw new InvalidOperationException(
                $"The accumulator serde announces a fixed size of {FixedSize} bytes but wrote {bytes.Length}.");
        }

        writer.WriteBytes(bytes);
    }

    public TAccumulator Read(ref SnapshotReader reader)
    {
        var length = FixedSize >= 0 ? FixedSize : reader.ReadCount();
        return serde.Deserialize(reader.ReadBytes(length));
    }
}
