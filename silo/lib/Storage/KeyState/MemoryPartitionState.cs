namespace OrleansStreams.Storage.KeyState;

/// <summary>One partition in <see cref="MemoryKeyStateGrain"/>: its generation and the keys it owns.</summary>
internal sealed class MemoryPartitionState
{
    /// <summary>The current generation; 0 until the first is begun.</summary>
    public long Generation { get; set; }

    /// <summary>Every key the partition owns, tombstones included.</summary>
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>The owned keys whose current version is a tombstone.</summary>
    public HashSet<string> Tombstones { get; } = new(StringComparer.Ordinal);
}
