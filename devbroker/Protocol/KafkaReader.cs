using System.Buffers.Binary;
using System.Text;

namespace OrleansStreams.DevBroker.Protocol;

/// <summary>
/// Reads the Kafka wire encoding from a span: big-endian integers, classic and compact
/// ("flexible") strings, bytes and arrays, tagged fields. Every read is bounds-checked and a
/// violation throws <see cref="MalformedRequestException"/>, so garbage can never crash the broker.
/// </summary>
internal ref struct KafkaReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public KafkaReader(ReadOnlySpan<byte> buffer, bool flexible = false, int position = 0)
    {
        _buffer = buffer;
        _position = position;
        Flexible = flexible;
    }

    /// <summary>Whether strings, bytes and arrays use the compact encoding and structs end with tags.</summary>
    public bool Flexible { get; set; }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public sbyte ReadInt8() => (sbyte)Take(1)[0];

    public bool ReadBool() => Take(1)[0] != 0;

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public Guid ReadUuid() => new(Take(16), bigEndian: true);

    public uint ReadUnsignedVarInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Take(1)[0];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new MalformedRequestException("unsigned varint longer than 5 bytes");
    }

    /// <summary>Zig-zag signed varint as used inside records.</summary>
    public int ReadVarInt()
    {
        var raw = ReadUnsignedVarInt();
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    /// <summary>Zig-zag signed varlong as used inside records.</summary>
    public long ReadVarLong()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(value >> 1) ^ -(long)(value & 1);
            }
        }

        throw new MalformedRequestException("varlong longer than 10 bytes");
    }

    /// <summary>A non-nullable STRING / COMPACT_STRING.</summary>
    public string ReadString() =>
        ReadNullableString() ?? throw new MalformedRequestException("null where a string is required");

    /// <summary>A NULLABLE_STRING / COMPACT_NULLABLE_STRING.</summary>
    public string? ReadNullableString()
    {
        var length = Flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt16();
        if (length < 0)
        {
            return length == -1 ? null : throw new MalformedRequestException($"string length {length}");
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>
    /// BYTES / NULLABLE_BYTES / RECORDS (and their compact forms): returns where the bytes start in
    /// the buffer and how long they are; length -1 means null.
    /// </summary>
    public (int Start, int Length) ReadBytesRange()
    {
        var length = Flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (length < -1)
        {
            throw new MalformedRequestException($"bytes length {length}");
        }

        if (length == -1)
        {
            return (_position, -1);
        }

        var start = _position;
        Take(length);
        return (start, length);
    }

    /// <summary>Non-nullable BYTES as a copy (small opaque values such as group metadata).</summary>
    public byte[] ReadBytes()
    {
        var (start, length) = ReadBytesRange();
        return length < 0 ? [] : _buffer.Slice(start, length).ToArray();
    }

    /// <summary>An ARRAY / COMPACT_ARRAY element count; -1 means null.</summary>
    public int ReadArrayCount()
    {
        var count = Flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (count < -1 || count > Remaining)
        {
            // Every element takes at least one byte: a larger count is garbage, not a big array.
            throw new MalformedRequestException($"array count {count} with {Remaining} bytes left");
        }

        return count;
    }

    /// <summary>Skips a TAG_BUFFER when the version is flexible; a no-op otherwise.</summary>
    public void SkipTaggedFields()
    {
        if (!Flexible)
        {
            return;
        }

        var count = ReadUnsignedVarInt();
        for (var i = 0u; i < count; i++)
        {
            ReadUnsignedVarInt();
            var size = ReadUnsignedVarInt();
            Take(size > int.MaxValue ? -1 : (int)size);
        }
    }

    public void Skip(int count) => Take(count);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _buffer.Length - _position)
        {
            throw new MalformedRequestException($"needed {count} bytes at {_position}, {_buffer.Length - _position} left");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
