namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The committer of one input partition of one pipeline, id <c>"&lt;pipeline&gt;/&lt;partition&gt;"</c>.
/// It runs the partition's epochs one after another; see DESIGN "Exactly-once: the epoch protocol".
/// </summary>
internal interface ICommitterGrain : IGrainWithStringKey
{
    /// <summary>Starts a new generation: bumps the generation, fences zombie producers, reads the committed offset and epoch.</summary>
    /// <remarks>Loading a large partition state takes a while: the call may run for minutes; load slows a partition, it never fails it.</remarks>
    [ResponseTimeout("00:10:00")]
    Task<GenerationStart> BeginGeneration();

    /// <summary>Flushes the plan's keys and commits their outputs with the end offset; throws when the epoch did not commit.</summary>
    /// <remarks>A checkpoint epoch writes every key changed since the last one; the call may run for minutes.</remarks>
    [ResponseTimeout("00:10:00")]
    Task<EpochOutcome> CommitEpoch(EpochPlan plan);

    /// <summary>The agent of <paramref name="generation"/> stopped; release the producer and deactivate.</summary>
    Task Release(long generation);
}
