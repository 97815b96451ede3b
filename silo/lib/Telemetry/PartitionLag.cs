using OrleansStreams.Ingress;

namespace OrleansStreams.Telemetry;

/// <summary>
/// The Kafka timestamp of the first record of every chunk a partition agent read and has not
/// committed yet, so that consumer lag can be told in seconds: the age of the oldest record not
/// committed (to the precision of one chunk). One lock per chunk; the metrics read it when collected.
/// </summary>
internal sealed class PartitionLag
{
    private const int MaxChunks = 8_192;
    private readonly List<(long Offset, long Timestamp)> _chunks = [];
    private readonly Lock _lock = new();

    /// <summary>Called by the agent with every chunk it reads, in offset order.</summary>
    public void Read(ConsumedRecord[] chunk)
    {
        if (chunk.Length == 0)
        {
            return;
        }

        var first = chunk[0];
        lock (_lock)
        {
            // A new generation reads again from the committed offset: forget what lies beyond it.
            var keep = _chunks.Count;
            while (keep > 0 && _chunks[keep - 1].Offset >= first.Offset)
            {
                keep--;
            }

            _chunks.RemoveRange(keep, _chunks.Count - keep);
            if (_chunks.Count == MaxChunks)
            {
                _chunks.RemoveRange(0, MaxChunks / 2);
            }

            _chunks.Add((first.Offset, first.Timestamp));
        }
    }

    /// <summary>Seconds between <paramref name="nowMs"/> and the timestamp of the record at <paramref name="committedOffset"/>; 0 when caught up or unknown.</summary>
    public double Seconds(long committedOffset, long highWatermark, long nowMs)
    {
        if (committedOffset < 0 || highWatermark <= committedOffset)
        {
            return 0;
        }

        lock (_lock)
        {
            var drop = 0;
            while (drop + 1 < _chunks.Count && _chunks[drop + 1].Offset <= committedOffset)
            {
                drop++;
            }

            _chunks.RemoveRange(0, drop);
            var timestamp = _chunks.Count > 0 ? _chunks[0].Timestamp : -1;
            return timestamp >= 0 ? Math.Max(0, nowMs - timestamp) / 1000.0 : 0;
        }
    }
}
