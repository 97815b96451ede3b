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

    /// <summary>Keys with work due, as of E*.</summary>
    [Id(4)]
    public required DueSnapshot Due { get; init; }
}
