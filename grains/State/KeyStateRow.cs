namespace OrleansStreams.Grains.State;

/// <summary>One key's state in a checkpoint: its snapshot, or the key's deletion when it has no state left.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.KeyStateRow")]
internal readonly record struct KeyStateRow
{
    /// <summary>A row holding a copy-free view of <paramref name="data"/>, or the deletion of the key when it is <see langword="null"/>.</summary>
    public KeyStateRow(string key, byte[]? data)
    {
        Key = key;
        Data = data;
        IsDeletion = data is null;
    }

    private KeyStateRow(string key, ReadOnlyMemory<byte> data, bool isDeletion)
    {
        Key = key;
        Data = data;
        IsDeletion = isDeletion;
    }

    /// <summary>The key.</summary>
    [Id(0)]
    public string Key { get; init; }

    /// <summary>The key's snapshot bytes; empty for a deletion.</summary>
    [Id(1)]
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Whether the row deletes the key.</summary>
    [Id(2)]
    public bool IsDeletion { get; init; }

    /// <summary>The key with <paramref name="snapshot"/> as its state.</summary>
    public static KeyStateRow Snapshot(string key, ReadOnlyMemory<byte> snapshot) => new(key, snapshot, isDeletion: false);

    /// <summary>The deletion of <paramref name="key"/>.</summary>
    public static KeyStateRow Deletion(string key) => new(key, default, isDeletion: true);
}
