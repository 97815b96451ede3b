namespace OrleansStreams.Grains.State;

/// <summary>
/// The end of an epoch for a partition's state: close what is due by <see cref="StreamTime"/>, return
/// the outputs caused before <see cref="EndOffset"/>, and, for a checkpoint epoch, the rows of every
/// key changed since the last checkpoint.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.StateFlush")]
internal sealed class StateFlush
{
    [Id(0)]
    public required long Generation { get; init; }

    [Id(1)]
    public required long Epoch { get; init; }

    /// <summary>s(E): the safe offset that ends the epoch; every record below it has been applied.</summary>
    [Id(2)]
    public required long EndOffset { get; init; }

    /// <summary>The partition's stream time at the last record before <see cref="EndOffset"/>.</summary>
    [Id(3)]
    public required long StreamTime { get; init; }

    [Id(4)]
    public required bool Checkpoint { get; init; }
}
