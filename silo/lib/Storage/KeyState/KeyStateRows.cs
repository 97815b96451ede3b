using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>Checks the arguments every key state store takes, the same way for each backend.</summary>
internal static class KeyStateRows
{
    /// <summary>
    /// The rows of one checkpoint in ordinal key order, so concurrent writers lock shared keys in the
    /// same order (no deadlocks) and B-tree inserts are sequential. <see cref="CheckpointRows"/>, which
    /// the committer hands over, are sorted in place; other lists are copied first.
    /// </summary>
    /// <exception cref="ArgumentException">A key is null, or appears twice.</exception>
    public static ArraySegment<KeyStateRow> Sorted(IReadOnlyList<KeyStateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Key is null)
            {
                throw new ArgumentException($"row {i} of the checkpoint has no key", nameof(rows));
            }
        }

        ArraySegment<KeyStateRow> sorted;
        if (rows is CheckpointRows owned)
        {
            sorted = owned.SortByKey();
        }
        else
        {
            var copy = rows.ToArray();
            copy.AsSpan().Sort(default(OrdinalRowOrder));
            sorted = copy;
        }

        for (var i = 1; i < sorted.Count; i++)
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
}
