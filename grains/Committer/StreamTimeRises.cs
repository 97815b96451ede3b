namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The offsets of an epoch at which the partition's stream time rose, with the new stream time.
/// Resolves the causing offset of a window-close result: the first offset at which stream time
/// reached the window's close time.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.StreamTimeRises")]
internal sealed class StreamTimeRises(long[] offsets, long[] streamTimes)
{
    [Id(0)]
    public long[] Offsets { get; } = offsets;

    [Id(1)]
    public long[] StreamTimes { get; } = streamTimes;

    /// <summary>The first offset at which stream time was at least <paramref name="time"/>, or -1.</summary>
    public long FirstOffsetReaching(long time)
    {
        int lo = 0, hi = StreamTimes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (StreamTimes[mid] >= time)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < Offsets.Length ? Offsets[lo] : -1;
    }
}
