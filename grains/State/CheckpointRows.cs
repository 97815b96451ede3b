namespace OrleansStreams.Grains.State;

/// <summary>
/// The rows of one checkpoint, their snapshots copied into a few blocks that are reused from checkpoint
/// to checkpoint rather than into an array per key: a checkpoint of a million keys lives for as long as
/// storage takes to write it, seconds, and a million small arrays living that long are promoted before
/// they die. Rented from <see cref="Pool"/> by the state grain, handed to the committer, which may sort
/// it (<see cref="SortByKey"/>) and returns it once written.
/// </summary>
[GenerateSerializer, Alias("OrleansStreams.CheckpointRows")]
internal sealed class CheckpointRows : IReadOnlyList<KeyStateRow>
{
    /// <summary>Under the large-object threshold, so blocks are compacted like other long-lived objects.</summary>
    private const int BlockSize = 64 * 1024;

    [NonSerialized]
    private readonly List<byte[]> _blocks = [];
    [NonSerialized]
    private int _block;
    [NonSerialized]
    private int _used;

    /// <summary>Rows kept for reuse: one checkpoint per partition is in flight at a time.</summary>
    public static ReusePool<CheckpointRows> Pool { get; } = new(16, rows => rows.Clear());

    [Id(0)]
    internal KeyStateRow[] Items { get; private set; } = [];

    [Id(1)]
    public int Count { get; private set; }

    public KeyStateRow this[int index] => (uint)index < (uint)Count ? Items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds <paramref name="key"/> with a copy of <paramref name="snapshot"/>.</summary>
    public void AddSnapshot(string key, ReadOnlySpan<byte> snapshot) => Add(KeyStateRow.Snapshot(key, Copy(snapshot)));

    /// <summary>Adds the deletion of <paramref name="key"/>.</summary>
    public void AddDeletion(string key) => Add(KeyStateRow.Deletion(key));

    /// <summary>Sorts the rows in place by ordinal key order and returns them.</summary>
    public ArraySegment<KeyStateRow> SortByKey()
    {
        Items.AsSpan(0, Count).Sort(default(OrdinalRowOrder));
        return new ArraySegment<KeyStateRow>(Items, 0, Count);
    }

    /// <summary>Forgets every row; the arrays are kept and overwritten by the next checkpoint.</summary>
    public void Clear()
    {
        Items.AsSpan(0, Count).Clear();
        Count = 0;
        _block = 0;
        _used = 0;
    }

    public IEnumerator<KeyStateRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Items[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private void Add(in KeyStateRow row)
    {
        if (Count == Items.Length)
        {
            var items = Items;
            Array.Resize(ref items, Math.Max(16, Items.Length * 2));
            Items = items;
        }

        Items[Count++] = row;
    }

    private ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> snapshot)
    {
        if (snapshot.Length > BlockSize)
        {
            return snapshot.ToArray();
        }

        if (_block < _blocks.Count && _used + snapshot.Length > BlockSize)
        {
            _block++;
            _used = 0;
        }

        if (_block == _blocks.Count)
        {
            _blocks.Add(new byte[BlockSize]);
        }

        var block = _blocks[_block];
        snapshot.CopyTo(block.AsSpan(_used));
        var copied = new ReadOnlyMemory<byte>(block, _used, snapshot.Length);
        _used += snapshot.Length;
        return copied;
    }
}
