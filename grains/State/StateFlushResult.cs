using OrleansStreams.Keys;

namespace OrleansStreams.Grains.State;

/// <summary>A partition state grain's answer to <see cref="IPartitionStateGrain.Flush"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.StateFlushResult")]
internal sealed class StateFlushResult
{
    [Id(0)]
    public required StateCallStatus Status { get; init; }

    /// <summary>
    /// The outputs caused before the end offset; final results carry their close time, not yet a causing offset.
    /// The list is the receiver's: rented from <see cref="OutputLists"/>, to be returned once the epoch committed.
    /// </summary>
    [Id(1)]
    public required List<OutputRecord> Outputs { get; init; }

    /// <summary>
    /// For a checkpoint: one row per key changed since the last one; otherwise empty. The receiver's:
    /// rented from <see cref="CheckpointRows.Pool"/>, to be returned once written.
    /// </summary>
    [Id(2)]
    public required CheckpointRows Rows { get; init; }

    /// <summary>Keys whose windows closed or expired in this flush.</summary>
    [Id(3)]
    public int KeysClosed { get; init; }

    /// <summary>Keys held after the flush.</summary>
    [Id(4)]
    public int KeysHeld { get; init; }

    public static StateFlushResult Refused(StateCallStatus status) => new() { Status = status, Outputs = [], Rows = new CheckpointRows() };
}
