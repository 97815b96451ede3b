namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// The aborted-transaction index of a partition, in marker order (so sorted by <see cref="AbortedTxn.LastOffset"/>).
/// read_committed fetches get the entries overlapping the returned range and drop those records themselves.
/// </summary>
internal sealed class AbortedTxnIndex
{
    private readonly List<AbortedTxn> _entries = [];

    public int Count => _entries.Count;

    public void Add(AbortedTxn entry) => _entries.Add(entry);

    /// <summary>Adds every entry with LastOffset &gt;= <paramref name="fetchOffset"/> and FirstOffset &lt; <paramref name="upperBound"/>.</summary>
    public void Collect(long fetchOffset, long upperBound, List<AbortedTxn> into)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_entries[mid].LastOffset < fetchOffset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _entries.Count; i++)
        {
            if (_entries[i].FirstOffset < upperBound)
            {
                into.Add(_entries[i]);
            }
        }
    }
}
