using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Log;

/// <summary>What recovery rebuilt from a log file.</summary>
internal sealed record RecoveredLog(BatchIndex Index, ProducerStateTable Producers, AbortedTxnIndex Aborted, long LogEndOffset);

/// <summary>
/// Rebuilds a partition's in-memory state by scanning its log file: every batch is checked (length,
/// magic, CRC, offset continuity); the first bad one marks a torn or corrupt tail, which is cut off
/// so the broker starts with every complete batch written before a crash.
/// </summary>
internal static class LogRecovery
{
    private const int ChunkSize = 4 << 20;

    public static RecoveredLog Recover(LogFile file, TopicPartition id, ILogger logger)
    {
        var state = new RecoveredLog(new BatchIndex(), new ProducerStateTable(), new AbortedTxnIndex(), 0);
        var nextOffset = 0L;
        var fileLength = file.Length;
        var position = 0L;
        string? problem = null;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (position < fileLength && problem is null)
            {
                var read = file.Read(buffer.AsSpan(0, (int)Math.Min(ChunkSize, fileLength - position)), position);
                var consumed = 0;
                while (problem is null && read - consumed >= RecordBatch.LogOverhead)
                {
                    var batchLength = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(consumed + 8));
                    var total = (long)batchLength + RecordBatch.LogOverhead;
                    if (batchLength < RecordBatch.HeaderSize - RecordBatch.LogOverhead || position + consumed + total > fileLength || total > Array.MaxLength)
                    {
                        problem = "incomplete batch";
                        break;
                    }

                    if (consumed + total > read)
                    {
                        if (consumed > 0)
                        {
                            break;
                        }

                        // A batch larger than the chunk: read it on its own.
                        var big = ArrayPool<byte>.Shared.Rent((int)total);
                        try
                        {
                            file.ReadExactly(big.AsSpan(0, (int)total), position);
                            problem = Apply(state, big.AsSpan(0, (int)total), position, ref nextOffset);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(big);
                        }
                    }
                    else
                    {
                        problem = Apply(state, buffer.AsSpan(consumed, (int)total), position + consumed, ref nextOffset);
                    }

                    if (problem is null)
                    {
                        consumed += (int)total;
                    }
                }

                if (problem is null && consumed == 0)
                {
                    problem = "incomplete batch header";
                }

                position += consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (problem is not null)
        {
            BrokerLog.LogTruncatedTail(logger, id.ToString(), position, fileLength - position, problem);
            file.Truncate(position);
        }

        return state with { LogEndOffset = nextOffset };
    }

    private static string? Apply(RecoveredLog state, ReadOnlySpan<byte> batch, long position, ref long nextOffset)
    {
        var error = RecordBatch.Validate(batch, out var header);
        if (error != ErrorCodes.None)
        {
            return error == ErrorCodes.InvalidRecord ? "invalid batch header" : "checksum mismatch";
        }

        if (state.Index.Count > 0 && header.BaseOffset != nextOffset)
        {
            return $"offset {header.BaseOffset} where {nextOffset} was expected";
        }

        if (header.IsControl)
        {
            if (header.HasProducerId && ControlBatch.ReadIsCommit(batch) is { } commit
                && state.Producers.ApplyMarker(header.ProducerId, header.ProducerEpoch, commit, header.BaseOffset) is { } aborted)
            {
                state.Aborted.Add(aborted);
            }
        }
        else if (header.HasProducerId)
        {
            state.Producers.Apply(header, header.BaseOffset);
        }

        state.Index.Add(new BatchEntry(header.BaseOffset, header.LastOffset, position, batch.Length, header.MaxTimestamp));
        nextOffset = header.LastOffset + 1;
        return null;
    }
}
