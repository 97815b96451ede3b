namespace OrleansStreams.Storage.KeyState;

/// <summary>One stored key of <see cref="MemoryKeyStateGrain"/>: the columns of an <c>orleansstreams_keystate</c> row.</summary>
internal sealed class MemoryKeyStateEntry(int partition, long checkpoint, byte[]? data)
{
    /// <summary>The owning partition.</summary>
    public int Partition { get; } = partition;

    /// <summary>The checkpoint of the current version.</summary>
    public long Checkpoint { get; set; } = checkpoint;

    /// <summary>The current version; <see langword="null"/> = deleted at <see cref="Checkpoint"/> (a tombstone).</summary>
    public byte[]? Data { get; set; } = data;

    /// <summary>The checkpoint of the version before; <see langword="null"/> = none.</summary>
    public long? PreviousCheckpoint { get; set; }

    /// <summary>The version before (<see langword="null"/> when none, or when it was a tombstone).</summary>
    public byte[]? PreviousData { get; set; }
}
