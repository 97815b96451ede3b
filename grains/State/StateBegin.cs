namespace OrleansStreams.Grains.State;

/// <summary>Where a generation of a partition starts: what Kafka holds as committed, and where the replay to rebuild state begins.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.StateBegin")]
internal sealed class StateBegin
{
    [Id(0)]
    public required long Generation { get; init; }

    /// <summary>The last committed epoch, or -1 (as the committed offset's metadata says).</summary>
    [Id(1)]
    public required long CommittedEpoch { get; init; }

    /// <summary>The committed input offset: the first record not yet committed; -1 when nothing was committed.</summary>
    [Id(2)]
    public required long CommittedOffset { get; init; }

    /// <summary>The stream time committed with it.</summary>
    [Id(3)]
    public required long CommittedStreamTime { get; init; }

    /// <summary>The offset the agent replays from: the checkpoint's, at or below <see cref="CommittedOffset"/>; -1 when unknown.</summary>
    [Id(4)]
    public required long ReplayFrom { get; init; }
}
