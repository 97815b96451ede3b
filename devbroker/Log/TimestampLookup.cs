using System.Buffers;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// ListOffsets by timestamp: the first record whose timestamp reaches the target. Uncompressed
/// batches are searched record by record; compressed ones (never decompressed here) answer with the
/// batch's first offset and max timestamp.
/// </summary>
internal static class TimestampLookup
{
    /// <summary>Returns (offset, timestamp) of the first record at or after <paramref name="timestamp"/>, or (-1, -1).</summary>
    public static (long Offset, long Timestamp) Find(PartitionLog log, long timestamp, bool readCommitted)
    {
        if (log.FindBatchByTimestamp(timestamp, readCommitted) is not { } entry)
        {
            return (-1, -1);
        }

        var logStart = log.Offsets.LogStartOffset;
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Size);
        try
        {
            var batch = buffer.AsSpan(0, entry.Size);
            log.ReadStored(batch, entry.Position);
            var header = RecordBatch.Read(batch);
            if (header.Compression != 0 || (header.Attributes & RecordBatch.TimestampTypeFlag) != 0)
            {
                return (Math.Max(entry.BaseOffset, logStart), entry.MaxTimestamp);
            }

            var reader = new KafkaReader(batch, position: RecordBatch.HeaderSize);
            for (var i = 0; i < header.RecordCount; i++)
            {
                var length = reader.ReadVarInt();
                var recordEnd = reader.Position + length;
                reader.ReadInt8();
                var recordTimestamp = header.BaseTimestamp + reader.ReadVarLong();
                var offset = entry.BaseOffset + reader.ReadVarInt();
                if (recordTimestamp >= timestamp && offset >= logStart)
                {
                    return (offset, recordTimestamp);
                }

                reader.Skip(recordEnd - reader.Position);
            }

            return (Math.Max(entry.BaseOffset, logStart), entry.MaxTimestamp);
        }
        catch (MalformedRequestException)
        {
            return (Math.Max(entry.BaseOffset, logStart), entry.MaxTimestamp);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
