namespace OrleansStreams.Client.Querying;

/// <summary>
/// One key of a query while it is being answered: which partitions may still hold it (the one that
/// held it last time, or every partition that has not said it does not), and the answer once known.
/// </summary>
internal sealed class PendingKey(string key, int? lastKnownPartition)
{
    private readonly HashSet<int> _notIn = [];
    private int? _target = lastKnownPartition;

    public string Key { get; } = key;

    public KeyWindows? Answer { get; private set; }

    public bool Resolved => Answer is not null;

    /// <summary>Whether asking needs the pipeline's partition count (the key is not, or no longer, expected in one partition).</summary>
    public bool NeedsPartitionCount => !Resolved && _target is null;

    /// <summary>Whether <paramref name="partition"/> is the one the key was expected in.</summary>
    public bool IsTarget(int partition) => _target == partition;

    public IEnumerable<int> PartitionsToAsk(int partitionCount) =>
        Resolved ? []
        : _target is { } target ? [target]
        : Enumerable.Range(0, partitionCount).Where(p => !_notIn.Contains(p));

    public void Found(KeyWindows answer) => Answer = answer;

    /// <summary>Records that <paramref name="partition"/> does not hold the key; if it was the one expected, every other partition is asked next.</summary>
    public void NotIn(int partition)
    {
        _notIn.Add(partition);
        if (_target == partition)
        {
            _target = null;
        }
    }

    /// <summary>Once every partition said it does not hold the key, the key is not found.</summary>
    public void SettleIfNowhere(int partitionCount)
    {
        if (!Resolved && _target is null && partitionCount > 0 && Enumerable.Range(0, partitionCount).All(_notIn.Contains))
        {
            Answer = KeyWindows.NotFound(Key);
        }
    }
}
