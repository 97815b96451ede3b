using System.Buffers.Binary;
using System.Numerics;

namespace OrleansStreams.DevBroker.Protocol;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of RecordBatch v2 and of the broker's own files.
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2/ARMv8 instruction when present.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(~0u, data);

    /// <summary>Continues a running (non-finalized) CRC; start from <c>~0u</c> and invert at the end.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
