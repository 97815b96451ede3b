using System.Buffers.Binary;

namespace OrleansStreams.DevBroker.Protocol;

/// <summary>Builds the COMMIT/ABORT marker batches that end a transaction on a partition.</summary>
internal static class ControlBatch
{
    public const int Size = 78;

    public const short AbortType = 0;

    public const short CommitType = 1;

    /// <summary>Writes a marker into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public static void Write(Span<byte> destination, long baseOffset, long producerId, short producerEpoch, bool commit, int coordinatorEpoch, long timestampMs)
    {
        var b = destination[..Size];
        BinaryPrimitives.WriteInt64BigEndian(b, baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(b[8..], Size - RecordBatch.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(b[12..], 0);
        b[16] = 2;
        BinaryPrimitives.WriteInt16BigEndian(b[21..], RecordBatch.TransactionalFlag | RecordBatch.ControlFlag);
        BinaryPrimitives.WriteInt32BigEndian(b[23..], 0);
        BinaryPrimitives.WriteInt64BigEndian(b[27..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(b[35..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(b[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(b[51..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(b[53..], -1);
        BinaryPrimitives.WriteInt32BigEndian(b[57..], 1);

        // One record: length 16 (zig-zag 0x20), attributes, timestampDelta 0, offsetDelta 0,
        // key length 4, key (version 0, type), value length 6, value (version 0, coordinator epoch), no headers.
        var r = b[61..];
        r[0] = 0x20;
        r[1] = 0;
        r[2] = 0;
        r[3] = 0;
        r[4] = 0x08;
        BinaryPrimitives.WriteInt16BigEndian(r[5..], 0);
        BinaryPrimitives.WriteInt16BigEndian(r[7..], commit ? CommitType : AbortType);
        r[9] = 0x0c;
        BinaryPrimitives.WriteInt16BigEndian(r[10..], 0);
        BinaryPrimitives.WriteInt32BigEndian(r[12..], coordinatorEpoch);
        r[16] = 0;

        BinaryPrimitives.WriteUInt32BigEndian(b[17..], Crc32C.Compute(b[RecordBatch.CrcStart..]));
    }

    /// <summary>Reads the marker type of a control batch: true = COMMIT, false = ABORT, null = not a marker.</summary>
    public static bool? ReadIsCommit(ReadOnlySpan<byte> batch)
    {
        // Uncompressed control batch: first record's key sits at a fixed place when lengths are 1-byte varints.
        if (batch.Length < RecordBatch.HeaderSize + 9)
        {
            return null;
        }

        var record = batch[RecordBatch.HeaderSize..];
        if (record[4] != 0x08 || BinaryPrimitives.ReadInt16BigEndian(record[5..]) != 0)
        {
            return null;
        }

        return BinaryPrimitives.ReadInt16BigEndian(record[7..]) switch
        {
            CommitType => true,
            AbortType => false,
            _ => null,
        };
    }
}
