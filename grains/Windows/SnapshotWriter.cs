using System.Buffers;
using System.Buffers.Binary;

namespace OrleansStreams.Grains.Windows;

/// <summary>Writes bytes, little-endian integers and LEB128 varints to an <see cref="IBufferWriter{T}"/>.</summary>
internal ref struct SnapshotWriter(IBufferWriter<byte> output)
{
    private const int ChunkSize = 256;
    private readonly IBufferWriter<byte> _output = output;
    private Span<byte> _span;
    private int _position;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _span[_position++] = value;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(sizeof(uint));
        BinaryPrimitives.WriteUInt32LittleEndian(_span[_position..], value);
        _position += sizeof(uint);
    }

    /// <summary>An unsigned LEB128 varint: 7 bits per byte, high bit set on all but the last.</summary>
    public void WriteVarUInt64(ulong value)
    {
        Ensure(10);
        var span = _span;
        var position = _position;
        while (value >= 0x80)
        {
            span[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[position++] = (byte)value;
        _position = position;
    }

    /// <summary>A signed value as a zigzag varint: small magnitudes take few bytes.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64(ZigZag(value));

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Commits what was written to the underlying writer.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _position = 0;
        _span = default;
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void Ensure(int count)
    {
        if (_span.Length - _position >= count)
        {
            return;
        }

        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _position = 0;
        _span = _output.GetSpan(Math.Max(count, ChunkSize));
    }
}
