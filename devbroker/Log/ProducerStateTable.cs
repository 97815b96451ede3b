using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// Idempotence and transaction bookkeeping of one partition (Kafka's producer state manager):
/// sequence checks and duplicate detection per producer id, open transactions, and the first
/// unstable offset that bounds the last stable offset. Not thread-safe: the partition lock guards it.
/// </summary>
internal sealed class ProducerStateTable
{
    private readonly Dictionary<long, ProducerEntry> _entries = [];
    private readonly Dictionary<long, long> _openTxns = [];
    private long _firstUnstableOffset = -1;

    /// <summary>Smallest first offset of an open transaction; -1 when none is open.</summary>
    public long FirstUnstableOffset => _firstUnstableOffset;

    /// <summary>Producers with an open transaction here, with the epoch the partition last saw from each.</summary>
    public IEnumerable<(long ProducerId, short Epoch)> OpenTransactionProducers =>
        _openTxns.Keys.Select(producerId => (producerId, _entries[producerId].Epoch));

    /// <summary>
    /// Decides whether a producer batch may be appended. Returns 0 to append, or
    /// <see cref="ErrorCodes.DuplicateSequenceNumber"/> with the original offset of a retried batch,
    /// or the error to answer (47 stale epoch, 45 sequence gap, 48 non-transactional write inside a transaction).
    /// </summary>
    public short Check(in RecordBatch batch, out long duplicateBaseOffset)
    {
        duplicateBaseOffset = -1;
        if (!_entries.TryGetValue(batch.ProducerId, out var entry))
        {
            return ErrorCodes.None;
        }

        if (batch.ProducerEpoch == entry.Epoch && entry.TryFindDuplicate(batch.BaseSequence, batch.LastSequence, out duplicateBaseOffset))
        {
            return ErrorCodes.DuplicateSequenceNumber;
        }

        if (batch.ProducerEpoch < entry.Epoch)
        {
            return ErrorCodes.InvalidProducerEpoch;
        }

        if (batch.ProducerEpoch > entry.Epoch)
        {
            if (batch.BaseSequence != 0 && entry.Epoch != -1)
            {
                return ErrorCodes.OutOfOrderSequenceNumber;
            }
        }
        else if (!InSequence(entry.LastSequence, batch.BaseSequence))
        {
            return ErrorCodes.OutOfOrderSequenceNumber;
        }

        if (entry.CurrentTxnFirstOffset >= 0 && !batch.IsTransactional)
        {
            return ErrorCodes.InvalidTxnState;
        }

        return ErrorCodes.None;
    }

    /// <summary>Records an appended producer batch (also used while recovering the log).</summary>
    public void Apply(in RecordBatch batch, long baseOffset)
    {
        var entry = GetOrCreate(batch.ProducerId);
        entry.SetEpoch(batch.ProducerEpoch);
        entry.AddBatch(batch.BaseSequence, batch.LastSequence, baseOffset, baseOffset + batch.LastOffsetDelta);
        if (batch.IsTransactional && entry.CurrentTxnFirstOffset < 0)
        {
            entry.CurrentTxnFirstOffset = baseOffset;
            _openTxns[batch.ProducerId] = baseOffset;
            if (_firstUnstableOffset < 0 || baseOffset < _firstUnstableOffset)
            {
                _firstUnstableOffset = baseOffset;
            }
        }
    }

    /// <summary>A marker may not carry an epoch older than the partition has seen from that producer.</summary>
    public short CheckMarker(long producerId, short producerEpoch) =>
        _entries.TryGetValue(producerId, out var entry) && entry.Epoch > producerEpoch
            ? ErrorCodes.InvalidProducerEpoch
            : ErrorCodes.None;

    /// <summary>
    /// Records a COMMIT/ABORT marker at <paramref name="markerOffset"/>. Returns the aborted-index entry
    /// when an ABORT closes a transaction that wrote data here.
    /// </summary>
    public AbortedTxn? ApplyMarker(long producerId, short producerEpoch, bool commit, long markerOffset)
    {
        var entry = GetOrCreate(producerId);
        entry.SetEpoch(producerEpoch);
        if (entry.CurrentTxnFirstOffset < 0)
        {
            return null;
        }

        var first = entry.CurrentTxnFirstOffset;
        entry.CurrentTxnFirstOffset = -1;
        _openTxns.Remove(producerId);
        if (first == _firstUnstableOffset)
        {
            _firstUnstableOffset = _openTxns.Count == 0 ? -1 : _openTxns.Values.Min();
        }

        return commit ? null : new AbortedTxn(producerId, first, markerOffset);
    }

    private static bool InSequence(int lastSequence, int nextSequence) =>
        nextSequence == lastSequence + 1L || (nextSequence == 0 && lastSequence == int.MaxValue);

    private ProducerEntry GetOrCreate(long producerId)
    {
        if (!_entries.TryGetValue(producerId, out var entry))
        {
            entry = new ProducerEntry();
            _entries[producerId] = entry;
        }

        return entry;
    }
}
