using OrleansStreams.Keys;

namespace OrleansStreams.Grains.Committer;

/// <summary>Everything the committer needs to end epoch E of a partition.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.EpochPlan")]
internal sealed class EpochPlan
{
    [Id(0)]
    public required long Generation { get; init; }

    [Id(1)]
    public required long Epoch { get; init; }

    /// <summary>s(E-1): the epoch's first offset.</summary>
    [Id(2)]
    public required long StartOffset { get; init; }

    /// <summary>s(E): the safe offset that ends the epoch.</summary>
    [Id(3)]
    public required long EndOffset { get; init; }

    /// <summary>Stream time at the last record before <see cref="EndOffset"/>.</summary>
    [Id(4)]
    public required long StreamTime { get; init; }

    /// <summary>Pipelines with their own key grain: the keys to flush, dirty in the epoch or with work due by <see cref="StreamTime"/>.</summary>
    [Id(5)]
    public required string[] FlushKeys { get; init; }

    /// <summary>For each of <see cref="FlushKeys"/>, the last offset its grain acknowledged in this generation, or -1.</summary>
    [Id(9)]
    public required long[] FlushLastAcknowledged { get; init; }

    /// <summary>Outputs the agent itself produced in the epoch (dead letters), with causing offsets in range.</summary>
    [Id(6)]
    public required OutputRecord[] AgentOutputs { get; init; }

    /// <summary>Where stream time rose inside the epoch, to resolve window-close causing offsets.</summary>
    [Id(7)]
    public required StreamTimeRises Rises { get; init; }

    /// <summary>The due index to persist with the epoch, or <see langword="null"/> when unchanged since the last one persisted.</summary>
    [Id(8)]
    public DueSnapshot? Due { get; init; }

    /// <summary>Windowed pipelines: whether this epoch also writes a checkpoint of the partition's state.</summary>
    [Id(10)]
    public bool Checkpoint { get; init; }
}
