namespace OrleansStreams.Bench.Latency;

/// <summary>
/// When each input record was handed to the producer (a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp), by partition and offset. The input topic is fresh, so a partition's offsets are 0, 1, 2…
/// in the order its delivery reports arrive.
/// </summary>
internal sealed class ProduceTimes(int partitions)
{
    private readonly List<long>[] _times = [.. Enumerable.Range(0, partitions).Select(_ => new List<long>())];
    private readonly Lock _lock = new();

    public void Delivered(int partition, long offset, long producedAt)
    {
        lock (_lock)
        {
            var times = _times[partition];
            if (offset != times.Count)
            {
                throw new InvalidOperationException($"partition {partition}: delivery report for offset {offset}, expected {times.Count} (is the input topic fresh?)");
            }

            times.Add(producedAt);
        }
    }

    /// <summary>The produce time of (partition, offset), or -1 when its delivery report has not arrived.</summary>
    public long Of(int partition, long offset)
    {
        lock (_lock)
        {
            return partition >= 0 && partition < _times.Length && offset >= 0 && offset < _times[partition].Count ? _times[partition][(int)offset] : -1;
        }
    }
}
