using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Log;

/// <summary>The read side of a partition: fetch planning, parking fetches, timestamp lookups.</summary>
internal sealed partial class PartitionLog
{
    /// <summary>
    /// Plans a read of whole batches from <paramref name="fetchOffset"/> up to the high watermark
    /// (read_uncommitted) or the last stable offset (read_committed), at most <paramref name="maxBytes"/>
    /// unless <paramref name="atLeastOneBatch"/> lets a single larger first batch through.
    /// For read_committed, adds the aborted transactions overlapping the planned range to <paramref name="aborted"/>.
    /// </summary>
    public FetchPlan PlanFetch(long fetchOffset, bool readCommitted, int maxBytes, bool atLeastOneBatch, List<AbortedTxn>? aborted)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return new FetchPlan(ErrorCodes.UnknownTopicOrPartition, new PartitionOffsets(-1, -1, -1), 0, 0, _waiters.Version);
            }

            var offsets = CurrentOffsets();
            if (fetchOffset < _logStartOffset || fetchOffset > _highWatermark)
            {
                return new FetchPlan(ErrorCodes.OffsetOutOfRange, offsets, 0, 0, _waiters.Version);
            }

            var upper = readCommitted ? offsets.LastStableOffset : offsets.HighWatermark;
            long position = 0;
            var length = 0;
            var end = fetchOffset;
            for (var i = _index.FindContaining(fetchOffset); i < _index.Count; i++)
            {
                var entry = _index[i];
                if (entry.LastOffset >= upper || (length + (long)entry.Size > maxBytes && !(length == 0 && atLeastOneBatch)))
                {
                    break;
                }

                if (length == 0)
                {
                    position = entry.Position;
                }

                length += entry.Size;
                end = entry.LastOffset + 1;
                if (length >= maxBytes)
                {
                    break;
                }
            }

            if (readCommitted && aborted is not null && length > 0)
            {
                _aborted.Collect(fetchOffset, end, aborted);
            }

            return new FetchPlan(ErrorCodes.None, offsets, position, length, _waiters.Version);
        }
    }

    /// <summary>Copies planned batch bytes from the file; safe without the lock because stored bytes never change.</summary>
    public void ReadStored(Span<byte> destination, long filePosition) => _file.ReadExactly(destination, filePosition);

    /// <summary>Parks <paramref name="waiter"/> until the partition changes after <paramref name="seenVersion"/>; false if it already has.</summary>
    public bool TryPark(FetchWaiter waiter, long seenVersion)
    {
        lock (_lock)
        {
            return !_closed && _waiters.TryPark(waiter, seenVersion);
        }
    }

    /// <summary>The first batch (below the readable bound) whose max timestamp reaches <paramref name="timestamp"/>.</summary>
    public BatchEntry? FindBatchByTimestamp(long timestamp, bool readCommitted)
    {
        lock (_lock)
        {
            var offsets = CurrentOffsets();
            var upper = readCommitted ? offsets.LastStableOffset : offsets.HighWatermark;
            for (var i = _index.FindContaining(_logStartOffset); i < _index.Count && _index[i].BaseOffset < upper; i++)
            {
                if (_index[i].MaxTimestamp >= timestamp)
                {
                    return _index[i];
                }
            }

            return null;
        }
    }
}
