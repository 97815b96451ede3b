using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>Checks the arguments every key state store takes, the same way for each backend.</summary>
internal static class KeyStateRows
{
    /// <summary>
    /// The rows of one checkpoint in ordinal key order, so concurrent writers lock shared keys in the
    /// same order (no deadlocks) and B-tree inserts are sequential.
    /// </summary>
    /// <exception cref="ArgumentException">A key is null, or appears twice.</exception>
    public static KeyStateRow[] Sorted(IReadOnlyList<KeyStateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = new KeyStateRow[rows.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = rows[i];
            if (sorted[i].Key is null)
            {
                throw new ArgumentException($"row {i} of the checkpoint has no key", nameof(rows));
            }
        }

        sorted.AsSpan().Sort(default(OrdinalKeyOrder));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].Key, sorted[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"key '{sorted[i].Key}' appears more than once in one checkpoint", nameof(rows));
            }
        }

        return sorted;
    }

    /// <summary>Checks a pipeline name and partition.</summary>
    public static void CheckPartition(string pipeline, int partition)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
    }

    /// <summary>Checks the fence and checkpoint of a write (<paramref name="minimumCheckpoint"/> 1) or a rollback (0).</summary>
    public static void CheckWrite(string pipeline, int partition, long generation, long checkpoint, long minimumCheckpoint)
    {
        CheckPartition(pipeline, partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(generation, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoint, minimumCheckpoint);
    }

    /// <summary>Checks the keys of an ownership lookup.</summary>
    public static void CheckKeys(string pipeline, IReadOnlyList<string> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeline);
        ArgumentNullException.ThrowIfNull(keys);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is null)
            {
                throw new ArgumentException($"key {i} is null", nameof(keys));
            }
        }
    }

    /// <summary>Ordinal key order as a struct comparer: the sort of a million-row checkpoint calls it directly, not through a delegate.</summary>
    private readonly struct OrdinalKeyOrder : IComparer<KeyStateRow>
    {
        public int Compare(KeyStateRow x, KeyStateRow y) => string.CompareOrdinal(x.Key, y.Key);
    }
}
