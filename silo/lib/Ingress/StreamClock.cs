namespace OrleansStreams.Ingress;

/// <summary>
/// The partition's stream time: the largest event time seen up to and including each offset,
/// stamped in offset order so it is the same on every replay. It also remembers the offsets at
/// which stream time rose since the last committed epoch, so a window-close result can be given its
/// causing offset: the first offset at which stream time reached the window's close time.
/// </summary>
internal sealed class StreamClock
{
    private readonly List<(long Offset, long StreamTime)> _rises = [];

    private long _forgotten;

    /// <param name="streamTime">Stream time before the first record to be stamped (from the last commit), or <see cref="long.MinValue"/>.</param>
    public StreamClock(long streamTime)
    {
        Current = streamTime;
        _forgotten = streamTime;
    }

    /// <summary>Stream time after the last stamped record.</summary>
    public long Current { get; private set; }

    /// <summary>Stamps a record and returns the stream time at its offset.</summary>
    public long Stamp(long offset, long eventTime)
    {
        if (eventTime > Current)
        {
            Current = eventTime;
            _rises.Add((offset, eventTime));
        }

        return Current;
    }

    /// <summary>Stream time at the last record below <paramref name="offset"/>.</summary>
    public long StreamTimeBefore(long offset)
    {
        var i = LowerBoundByOffset(offset) - 1;
        return i >= 0 ? _rises[i].StreamTime : _forgotten;
    }

    /// <summary>Forgets the rises below <paramref name="offset"/> (an epoch ending there has committed).</summary>
    public void ForgetBelow(long offset)
    {
        var i = LowerBoundByOffset(offset);
        if (i > 0)
        {
            _forgotten = _rises[i - 1].StreamTime;
            _rises.RemoveRange(0, i);
        }
    }

    /// <summary>Copies the rises in [<paramref name="fromOffset"/>, <paramref name="toOffset"/>) for an epoch plan.</summary>
    public OrleansStreams.Grains.Committer.StreamTimeRises Slice(long fromOffset, long toOffset)
    {
        var start = LowerBoundByOffset(fromOffset);
        var end = LowerBoundByOffset(toOffset);
        var offsets = new long[end - start];
        var times = new long[end - start];
        for (var i = start; i < end; i++)
        {
            offsets[i - start] = _rises[i].Offset;
            times[i - start] = _rises[i].StreamTime;
        }

        return new OrleansStreams.Grains.Committer.StreamTimeRises(offsets, times);
    }

    private int LowerBoundByOffset(long offset)
    {
        int lo = 0, hi = _rises.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_rises[mid].Offset < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
