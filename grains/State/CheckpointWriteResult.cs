namespace OrleansStreams.Grains.State;

/// <summary>What <see cref="IKeyStateStore.WriteCheckpointAsync"/> did.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.CheckpointWriteResult")]
internal sealed class CheckpointWriteResult
{
    /// <summary>Nothing refused.</summary>
    public static CheckpointWriteResult Written(long bytes) => new() { Foreign = [], BytesWritten = bytes };

    /// <summary>Rows not written because their key belongs to another partition: key and owner partition.</summary>
    [Id(0)]
    public required IReadOnlyList<KeyValuePair<string, int>> Foreign { get; init; }

    /// <summary>Bytes of key data written.</summary>
    [Id(1)]
    public long BytesWritten { get; init; }
}
