namespace OrleansStreams.Ingress;

/// <summary>
/// The keys of a partition that have work due at a future stream time (a window to close or
/// evict), ordered by that time, so the epoch loop can flush exactly the grains that are due.
/// </summary>
internal sealed class DueIndex
{
    private readonly Dictionary<string, long> _dueByKey = new(StringComparer.Ordinal);
    private readonly SortedSet<(long Due, string Key)> _ordered = new(DueComparer.Instance);

    public int Count => _dueByKey.Count;

    /// <summary>Bumped on every change, so a persisted copy knows whether it is stale.</summary>
    public long Version { get; private set; }

    /// <summary>The key's next due time, or <see cref="long.MaxValue"/> when nothing is due.</summary>
    public long Get(string key) => _dueByKey.GetValueOrDefault(key, long.MaxValue);

    /// <summary>Sets the key's next due time; <see cref="long.MaxValue"/> removes it.</summary>
    public void Set(string key, long due)
    {
        if (_dueByKey.TryGetValue(key, out var previous))
        {
            if (previous == due)
            {
                return;
            }

            _ordered.Remove((previous, key));
            _dueByKey.Remove(key);
        }
        else if (due == long.MaxValue)
        {
            return;
        }

        if (due != long.MaxValue)
        {
            _dueByKey[key] = due;
            _ordered.Add((due, key));
        }

        Version++;
    }

    /// <summary>Adds the keys due at or before <paramref name="streamTime"/> to <paramref name="into"/>.</summary>
    public void CollectDue(long streamTime, ICollection<string> into)
    {
        foreach (var (due, key) in _ordered)
        {
            if (due > streamTime)
            {
                break;
            }

            into.Add(key);
        }
    }

    /// <summary>All entries, for persisting with an epoch.</summary>
    public (string[] Keys, long[] Due) Export()
    {
        var keys = new string[_ordered.Count];
        var due = new long[_ordered.Count];
        var i = 0;
        foreach (var entry in _ordered)
        {
            keys[i] = entry.Key;
            due[i++] = entry.Due;
        }

        return (keys, due);
    }

    public void Import(IReadOnlyList<string> keys, IReadOnlyList<long> due)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            Set(keys[i], due[i]);
        }
    }

    private sealed class DueComparer : IComparer<(long Due, string Key)>
    {
        public static readonly DueComparer Instance = new();

        public int Compare((long Due, string Key) x, (long Due, string Key) y)
        {
            var c = x.Due.CompareTo(y.Due);
            return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
