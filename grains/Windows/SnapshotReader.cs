using System.Buffers.Binary;

namespace OrleansStreams.Grains.Windows;

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote; malformed input throws <see cref="InvalidDataException"/>.</summary>
internal ref struct SnapshotReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_position++];
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(sizeof(uint)));

    public ulong ReadVarUInt64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (shift == 63 && b > 1)
                {
                    break;
                }

                return value;
            }
        }

        throw new InvalidDataException("Malformed varint in window snapshot.");
    }

    public long ReadVarInt64()
    {
        var value = ReadVarUInt64();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    /// <summary>Reads a count of items that take at least one byte each, so it cannot exceed what is left.</summary>
    public int ReadCount()
    {
        var count = ReadVarUInt64();
        return count <= (ulong)Remaining
            ? (int)count
            : throw new InvalidDataException($"Window snapshot announces {count} items but only {Remaining} bytes remain.");
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Truncated();
        }

        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    private static InvalidDataException Truncated() => new("Window snapshot is truncated.");
}
