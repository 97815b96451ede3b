namespace OrleansStreams.Grains.Committer;

/// <summary>What a partition agent needs to start a generation: where to resume and with what.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.GenerationStart")]
internal sealed class GenerationStart
{
    /// <summary>The new generation; strictly greater than every earlier one of the partition.</summary>
    [Id(0)]
    public required long Generation { get; init; }

    /// <summary>The last committed epoch E* (0 when nothing was ever committed).</summary>
    [Id(1)]
    public required long CommittedEpoch { get; init; }

    /// <summary>The committed offset s(E*), or -1 when nothing was committed (apply the reset policy).</summary>
    [Id(2)]
    public required long StartOffset { get; init; }

    /// <summary>Stream time at the committed offset, or <see cref="long.MinValue"/>.</summary>
    [Id(3)]
    public required long StreamTime { get; init; }

    /// <summary>Pipelines with their own key grain: keys with work due, as of E*.</summary>
    [Id(4)]
    public required DueSnapshot Due { get; init; }

    /// <summary>
    /// Where to start reading: <see cref="StartOffset"/>, or for windowed pipelines the offset of the
    /// committed checkpoint, from which the records up to <see cref="StartOffset"/> are replayed to
    /// rebuild the state (what they cause was committed before and is dropped); -1 as <see cref="StartOffset"/>.
    /// </summary>
    [Id(5)]
    public required long ReplayFrom { get; init; }

    /// <summary>Stream time before <see cref="ReplayFrom"/>.</summary>
    [Id(6)]
    public required long ReplayStreamTime { get; init; }
}
