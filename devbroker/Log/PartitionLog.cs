using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// One partition: batches stored as sent (BaseOffset and PartitionLeaderEpoch rewritten) in one
/// append-only file, an in-memory batch index, producer state, the aborted-transaction index,
/// high watermark and last stable offset. A lock per partition guards the metadata; reads of
/// stored bytes happen outside it because stored bytes never change. Reads live in PartitionLog.Reads.cs.
/// </summary>
internal sealed partial class PartitionLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LogFile _file;
    private readonly BatchIndex _index;
    private readonly ProducerStateTable _producers;
    private readonly AbortedTxnIndex _aborted;
    private readonly FetchWaiterList _waiters = new();
    private readonly bool _fsync;
    private readonly ILogger _logger;
    private long _logStartOffset;
    private long _highWatermark;
    private bool _closed;

    private PartitionLog(TopicPartition id, TopicSettings settings, LogFile file, RecoveredLog recovered, long logStartOffset, bool fsync, ILogger logger)
    {
        Id = id;
        Settings = settings;
        _file = file;
        _index = recovered.Index;
        _producers = recovered.Producers;
        _aborted = recovered.Aborted;
        _highWatermark = recovered.LogEndOffset;
        _logStartOffset = Math.Min(logStartOffset, _highWatermark);
        _fsync = fsync;
        _logger = logger;
    }

    public TopicPartition Id { get; }

    public TopicSettings Settings { get; }

    public string FilePath => _file.Path;

    /// <summary>Opens (creating if needed) and recovers the log file: a torn or corrupt tail is cut off.</summary>
    public static PartitionLog Open(TopicPartition id, string path, TopicSettings settings, long logStartOffset, bool fsync, ILogger logger)
    {
        var file = LogFile.Open(path);
        try
        {
            var recovered = LogRecovery.Recover(file, id, logger);
            return new PartitionLog(id, settings, file, recovered, logStartOffset, fsync, logger);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public PartitionOffsets Offsets
    {
        get
        {
            lock (_lock)
            {
                return CurrentOffsets();
            }
        }
    }

    /// <summary>Producer ids with an open transaction here, with the epoch last seen from each.</summary>
    public (long ProducerId, short Epoch)[] OpenTransactions()
    {
        lock (_lock)
        {
            return [.. _producers.OpenTransactionProducers];
        }
    }

    /// <summary>Validates producer state and appends a client batch; answers duplicates with their original offset.</summary>
    public AppendResult Append(Span<byte> batch, in RecordBatch header, long nowMs)
    {
        FetchWaiter[]? wake;
        long position;
        AppendResult result;
        lock (_lock)
        {
            if (_closed)
            {
                return new AppendResult(ErrorCodes.UnknownTopicOrPartition, -1, -1, -1);
            }

            if (batch.Length > Settings.MaxMessageBytes)
            {
                return new AppendResult(ErrorCodes.MessageTooLarge, -1, -1, _logStartOffset);
            }

            if (header.HasProducerId)
            {
                var check = _producers.Check(header, out var duplicateOffset);
                if (check == ErrorCodes.DuplicateSequenceNumber)
                {
                    return new AppendResult(ErrorCodes.None, duplicateOffset, -1, _logStartOffset);
                }

                if (check != ErrorCodes.None)
                {
                    return new AppendResult(check, -1, -1, _logStartOffset);
                }
            }

            var baseOffset = _highWatermark;
            RecordBatch.SetBaseOffset(batch, baseOffset);
            RecordBatch.SetPartitionLeaderEpoch(batch, 0);
            var appendTime = -1L;
            var maxTimestamp = header.MaxTimestamp;
            if (Settings.LogAppendTime)
            {
                RecordBatch.StampLogAppendTime(batch, nowMs);
                appendTime = maxTimestamp = nowMs;
            }

            try
            {
                position = _file.Append(batch);
            }
            catch (IOException e)
            {
                BrokerLog.LogWriteFailed(_logger, Id.ToString(), e);
                return new AppendResult(ErrorCodes.KafkaStorageError, -1, -1, _logStartOffset);
            }

            var lastOffset = baseOffset + header.LastOffsetDelta;
            _index.Add(new BatchEntry(baseOffset, lastOffset, position, batch.Length, maxTimestamp));
            _highWatermark = lastOffset + 1;
            if (header.HasProducerId)
            {
                _producers.Apply(header, baseOffset);
            }

            wake = _waiters.Changed();
            result = new AppendResult(ErrorCodes.None, baseOffset, appendTime, _logStartOffset);
        }

        FetchWaiterList.Wake(wake);
        if (_fsync)
        {
            _file.FlushTo(position + batch.Length);
        }

        return result;
    }

    /// <summary>Appends a COMMIT/ABORT marker for <paramref name="producerId"/>; returns 0 or the error.</summary>
    public short AppendMarker(long producerId, short producerEpoch, bool commit, long nowMs)
    {
        Span<byte> marker = stackalloc byte[ControlBatch.Size];
        FetchWaiter[]? wake;
        long position;
        lock (_lock)
        {
            if (_closed)
            {
                return ErrorCodes.UnknownTopicOrPartition;
            }

            var check = _producers.CheckMarker(producerId, producerEpoch);
            if (check != ErrorCodes.None)
            {
                return check;
            }

            var offset = _highWatermark;
            ControlBatch.Write(marker, offset, producerId, producerEpoch, commit, coordinatorEpoch: 0, nowMs);
            try
            {
                position = _file.Append(marker);
            }
            catch (IOException e)
            {
                BrokerLog.LogWriteFailed(_logger, Id.ToString(), e);
                return ErrorCodes.KafkaStorageError;
            }

            _index.Add(new BatchEntry(offset, offset, position, ControlBatch.Size, nowMs));
            _highWatermark = offset + 1;
            if (_producers.ApplyMarker(producerId, producerEpoch, commit, offset) is { } aborted)
            {
                _aborted.Add(aborted);
            }

            wake = _waiters.Changed();
        }

        FetchWaiterList.Wake(wake);
        if (_fsync)
        {
            _file.FlushTo(position + ControlBatch.Size);
        }

        return ErrorCodes.None;
    }

    /// <summary>Moves the log start offset forward (DeleteRecords); -1 means the high watermark.</summary>
    public short DeleteRecordsBefore(long offset, out long logStartOffset)
    {
        lock (_lock)
        {
            var target = offset == -1 ? _highWatermark : offset;
            if (target < 0 || target > _highWatermark)
            {
                logStartOffset = _logStartOffset;
                return ErrorCodes.OffsetOutOfRange;
            }

            _logStartOffset = Math.Max(_logStartOffset, target);
            logStartOffset = _logStartOffset;
            return ErrorCodes.None;
        }
    }

    public void Flush() => _file.Flush();

    /// <summary>Closes the partition (shutdown or topic deletion); parked fetches are woken.</summary>
    public void Dispose()
    {
        FetchWaiter[]? wake;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            wake = _waiters.Changed();
        }

        FetchWaiterList.Wake(wake);
        _file.Dispose();
    }

    private PartitionOffsets CurrentOffsets()
    {
        var firstUnstable = _producers.FirstUnstableOffset;
        return new PartitionOffsets(_logStartOffset, _highWatermark, firstUnstable >= 0 ? firstUnstable : _highWatermark);
    }
}
