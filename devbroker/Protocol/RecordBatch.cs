using System.Buffers.Binary;

namespace OrleansStreams.DevBroker.Protocol;

/// <summary>
/// The 61-byte header of a RecordBatch v2 ("magic 2"). The broker reads it, rewrites BaseOffset and
/// PartitionLeaderEpoch (both outside the CRC) and otherwise stores the batch as sent.
/// </summary>
internal readonly record struct RecordBatch(
    long BaseOffset,
    int BatchLength,
    int PartitionLeaderEpoch,
    sbyte Magic,
    uint Crc,
    short Attributes,
    int LastOffsetDelta,
    long BaseTimestamp,
    long MaxTimestamp,
    long ProducerId,
    short ProducerEpoch,
    int BaseSequence,
    int RecordCount)
{
    public const int HeaderSize = 61;

    /// <summary>Bytes before BatchLength's payload: BaseOffset (8) + BatchLength (4).</summary>
    public const int LogOverhead = 12;

    public const int CrcStart = 21;

    public const short TimestampTypeFlag = 0x08;

    public const short TransactionalFlag = 0x10;

    public const short ControlFlag = 0x20;

    public int TotalSize => BatchLength + LogOverhead;

    public long LastOffset => BaseOffset + LastOffsetDelta;

    public bool IsTransactional => (Attributes & TransactionalFlag) != 0;

    public bool IsControl => (Attributes & ControlFlag) != 0;

    public int Compression => Attributes & 0x07;

    public bool HasProducerId => ProducerId >= 0;

    /// <summary>Last sequence of the batch, wrapping at int.MaxValue like the clients do.</summary>
    public int LastSequence => BaseSequence > int.MaxValue - LastOffsetDelta
        ? LastOffsetDelta - (int.MaxValue - BaseSequence) - 1
        : BaseSequence + LastOffsetDelta;

    public static RecordBatch Read(ReadOnlySpan<byte> b) => new(
        BinaryPrimitives.ReadInt64BigEndian(b),
        BinaryPrimitives.ReadInt32BigEndian(b[8..]),
        BinaryPrimitives.ReadInt32BigEndian(b[12..]),
        (sbyte)b[16],
        BinaryPrimitives.ReadUInt32BigEndian(b[17..]),
        BinaryPrimitives.ReadInt16BigEndian(b[21..]),
        BinaryPrimitives.ReadInt32BigEndian(b[23..]),
        BinaryPrimitives.ReadInt64BigEndian(b[27..]),
        BinaryPrimitives.ReadInt64BigEndian(b[35..]),
        BinaryPrimitives.ReadInt64BigEndian(b[43..]),
        BinaryPrimitives.ReadInt16BigEndian(b[51..]),
        BinaryPrimitives.ReadInt32BigEndian(b[53..]),
        BinaryPrimitives.ReadInt32BigEndian(b[57..]));

    /// <summary>
    /// Checks what the broker relies on before storing a batch: complete, magic 2, sane counts and a
    /// matching CRC. Returns the Kafka error code (0 when valid).
    /// </summary>
    public static short Validate(ReadOnlySpan<byte> batch, out RecordBatch header)
    {
        header = default;
        if (batch.Length < HeaderSize)
        {
            return ErrorCodes.CorruptMessage;
        }

        header = Read(batch);
        if (header.Magic != 2)
        {
            return ErrorCodes.InvalidRecord;
        }

        if (header.TotalSize != batch.Length || header.BatchLength < HeaderSize - LogOverhead)
        {
            return ErrorCodes.CorruptMessage;
        }

        if (header.LastOffsetDelta < 0 || header.RecordCount < 1 || header.RecordCount - 1 > header.LastOffsetDelta)
        {
            return ErrorCodes.InvalidRecord;
        }

        if (Crc32C.Compute(batch[CrcStart..]) != header.Crc)
        {
            return ErrorCodes.CorruptMessage;
        }

        return ErrorCodes.None;
    }

    public static void SetBaseOffset(Span<byte> batch, long baseOffset) =>
        BinaryPrimitives.WriteInt64BigEndian(batch, baseOffset);

    public static void SetPartitionLeaderEpoch(Span<byte> batch, int epoch) =>
        BinaryPrimitives.WriteInt32BigEndian(batch[12..], epoch);

    /// <summary>Turns a batch into a LogAppendTime batch stamped with <paramref name="nowMs"/> and fixes the CRC.</summary>
    public static void StampLogAppendTime(Span<byte> batch, long nowMs)
    {
        var attributes = BinaryPrimitives.ReadInt16BigEndian(batch[21..]);
        BinaryPrimitives.WriteInt16BigEndian(batch[21..], (short)(attributes | TimestampTypeFlag));
        BinaryPrimitives.WriteInt64BigEndian(batch[35..], nowMs);
        BinaryPrimitives.WriteUInt32BigEndian(batch[17..], Crc32C.Compute(batch[CrcStart..]));
    }
}
