namespace OrleansStreams.Keys;

/// <summary>
/// The end of an epoch as a key grain sees it: close what is due by <see cref="StreamTime"/>,
/// write a snapshot tagged <see cref="Epoch"/>, and return the outputs caused before
/// <see cref="EndOffset"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.FlushRequest")]
public sealed class FlushRequest
{
    /// <summary>The input partition.</summary>
    [Id(0)]
    public required int Partition { get; init; }

    /// <summary>The epoch that is ending.</summary>
    [Id(1)]
    public required long Epoch { get; init; }

    /// <summary>The partition's generation; see <see cref="Records.KeyBatch.Generation"/>.</summary>
    [Id(2)]
    public required long Generation { get; init; }

    /// <summary>The partition's committed epoch when the generation started.</summary>
    [Id(3)]
    public required long CommittedEpoch { get; init; }

    /// <summary>The safe offset s(E) that ends the epoch: outputs caused at or beyond it stay buffered.</summary>
    [Id(4)]
    public required long EndOffset { get; init; }

    /// <summary>The partition's stream time at the last record before <see cref="EndOffset"/>.</summary>
    [Id(5)]
    public required long StreamTime { get; init; }

    /// <summary>
    /// The last offset the agent saw this grain acknowledge in this generation, or -1. A grain that has
    /// not applied that far lost state it acknowledged (its silo died) and must answer
    /// <see cref="ApplyStatus.StateLost"/> instead of writing a snapshot without it.
    /// </summary>
    [Id(7)]
    public long LastAcknowledged { get; init; } = -1;
}
