using OrleansStreams.Keys;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The state side of a partition's epochs, one per committer: loads the committed state when a
/// generation begins, and at each epoch's end flushes what the epoch changed and hands over the
/// outputs it released. Windowed pipelines: <see cref="CheckpointedEpochState"/> (one partition state
/// grain, checkpoints written in batches); pipelines with their own key grain: <see cref="KeyGrainEpochState"/>.
/// </summary>
internal interface IEpochState
{
    /// <summary>Rolls state back to what the committed offset <paramref name="committedOffset"/> (with <paramref name="committed"/>) covers, and loads it for <paramref name="generation"/>.</summary>
    Task<EpochStateStart> BeginAsync(long generation, long committedOffset, EpochMetadata committed);

    /// <summary>Flushes the state of the epoch; the result's outputs are a pooled list (<see cref="State.OutputLists"/>) the committer returns.</summary>
    Task<FlushedEpoch> FlushAsync(EpochPlan plan);

    /// <summary>The epoch flushed as <paramref name="flushed"/> committed.</summary>
    void Committed(FlushedEpoch flushed);

    /// <summary>The generation's agent stopped.</summary>
    Task ReleaseAsync(long generation);
}

/// <summary>Where a generation's agent reads from to rebuild the state, and the keys with work due.</summary>
/// <param name="ReplayFrom">The offset to read from: the committed offset, or an earlier checkpoint's.</param>
/// <param name="ReplayStreamTime">The stream time before <paramref name="ReplayFrom"/>.</param>
/// <param name="Due">Pipelines with their own key grain: keys with work due as of the committed epoch.</param>
internal readonly record struct EpochStateStart(long ReplayFrom, long ReplayStreamTime, DueSnapshot Due);

/// <summary>What flushing an epoch's state gave.</summary>
/// <param name="Outputs">The outputs the state released in the epoch (pooled).</param>
/// <param name="NextDue">Pipelines with their own key grain: each flushed key's next due time.</param>
/// <param name="KeysFlushed">Keys flushed, or written by a checkpoint.</param>
/// <param name="StateBytes">Bytes of state written to storage.</param>
/// <param name="Metadata">The metadata to commit with the epoch's end offset.</param>
internal sealed record FlushedEpoch(List<OutputRecord> Outputs, long[] NextDue, int KeysFlushed, long StateBytes, EpochMetadata Metadata);
