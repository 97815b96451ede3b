namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// The in-memory index of a partition log: one entry per stored batch, in offset order (which is
/// also file order). Appends are amortized O(1); lookups are binary searches.
/// </summary>
internal sealed class BatchIndex
{
    private BatchEntry[] _items = new BatchEntry[64];
    private int _count;

    public int Count => _count;

    public BatchEntry this[int index] => _items[index];

    public void Add(in BatchEntry entry)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = entry;
    }

    /// <summary>Index of the first batch whose last offset is at or after <paramref name="offset"/>; <see cref="Count"/> if none.</summary>
    public int FindContaining(long offset)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_items[mid].LastOffset < offset)
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

    /// <summary>Index of the first batch starting at or after <paramref name="offset"/>; <see cref="Count"/> if none.</summary>
    public int FindStartingAtOrAfter(long offset)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_items[mid].BaseOffset < offset)
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
