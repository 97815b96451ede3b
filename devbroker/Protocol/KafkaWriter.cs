using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OrleansStreams.DevBroker.Protocol;

/// <summary>
/// Writes the Kafka wire encoding into a pooled, growable buffer. One instance per connection is
/// reused for every response; <see cref="Flexible"/> switches strings, bytes and arrays to the
/// compact encoding and makes <see cref="WriteTags"/> emit the empty tag buffer.
/// </summary>
internal sealed class KafkaWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public KafkaWriter(int initialCapacity = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public bool Flexible { get; set; }

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Reset(int keepCapacityBelow = 1 << 20)
    {
        _length = 0;
        Flexible = false;
        if (_buffer.Length > keepCapacityBelow)
        {
            // A huge fetch response should not pin megabytes to an idle connection.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(4096);
        }
    }

    public void EnsureCapacity(int extra)
    {
        var needed = (long)_length + extra;
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(needed, Math.Min((long)_buffer.Length * 2, Array.MaxLength));
        if (size > Array.MaxLength)
        {
            throw new InvalidOperationException($"response larger than {Array.MaxLength} bytes");
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>A span of exactly <paramref name="size"/> bytes to fill; call <see cref="Advance"/> after.</summary>
    public Span<byte> GetSpan(int size)
    {
        EnsureCapacity(size);
        return _buffer.AsSpan(_length, size);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Drops everything written after <paramref name="length"/> bytes.</summary>
    public void Rewind(int length) => _length = Math.Min(length, _length);

    public void WriteInt8(sbyte value) => WriteByte((byte)value);

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _length += 1;
    }

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(GetSpan(2), value);
        _length += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        _length += 4;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(GetSpan(4), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(GetSpan(8), value);
        _length += 8;
    }

    public void WriteUuid(Guid value)
    {
        value.TryWriteBytes(GetSpan(16), bigEndian: true, out _);
        _length += 16;
    }

    public void WriteUnsignedVarInt(uint value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>Zig-zag signed varint as used inside records.</summary>
    public void WriteVarInt(int value) => WriteUnsignedVarInt((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Zig-zag signed varlong as used inside records.</summary>
    public void WriteVarLong(long value)
    {
        var raw = (ulong)((value << 1) ^ (value >> 63));
        while (raw >= 0x80)
        {
            WriteByte((byte)(raw | 0x80));
            raw >>= 7;
        }

        WriteByte((byte)raw);
    }

    /// <summary>STRING or NULLABLE_STRING (compact when flexible).</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            if (Flexible)
            {
                WriteByte(0);
            }
            else
            {
                WriteInt16(-1);
            }

            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (Flexible)
        {
            WriteUnsignedVarInt((uint)byteCount + 1);
        }
        else
        {
            WriteInt16(checked((short)byteCount));
        }

        Encoding.UTF8.GetBytes(value, GetSpan(byteCount));
        _length += byteCount;
    }

    /// <summary>BYTES (compact when flexible); null writes the null marker.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value) => WriteBytes(value, isNull: false);

    public void WriteNullBytes() => WriteBytes([], isNull: true);

    /// <summary>ARRAY length (compact when flexible); -1 writes a null array.</summary>
    public void WriteArrayLength(int count)
    {
        if (Flexible)
        {
            WriteUnsignedVarInt((uint)(count + 1));
        }
        else
        {
            WriteInt32(count);
        }
    }

    /// <summary>The empty TAG_BUFFER that ends every struct of a flexible version.</summary>
    public void WriteTags()
    {
        if (Flexible)
        {
            WriteByte(0);
        }
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Reserves four bytes for a length or count written later with <see cref="PatchInt32"/>.</summary>
    public int ReserveInt32()
    {
        var position = _length;
        GetSpan(4);
        _length += 4;
        return position;
    }

    public void PatchInt32(int position, int value) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _length = 0;
    }

    private void WriteBytes(ReadOnlySpan<byte> value, bool isNull)
    {
        if (Flexible)
        {
            WriteUnsignedVarInt(isNull ? 0u : (uint)value.Length + 1);
        }
        else
        {
            WriteInt32(isNull ? -1 : value.Length);
        }

        WriteRaw(value);
    }
}
