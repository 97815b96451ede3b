using OrleansStreams.Grains.Committer;

namespace OrleansStreams.Ingress;

/// <summary>The partition agent's view of its committer.</summary>
internal interface IPartitionCommitter
{
    /// <summary>Starts a new generation: fences older ones and says where to resume.</summary>
    Task<GenerationStart> BeginGenerationAsync(CancellationToken cancellationToken);

    /// <summary>Flushes, produces and commits one epoch; throws when the epoch did not commit.</summary>
    Task<EpochOutcome> CommitEpochAsync(EpochPlan plan, CancellationToken cancellationToken);

    /// <summary>The agent stops owning the partition; the committer releases its resources.</summary>
    Task ReleaseAsync(long generation);
}
