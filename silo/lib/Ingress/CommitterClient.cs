using OrleansStreams.Grains.Committer;

namespace OrleansStreams.Ingress;

/// <summary>The agent's <see cref="IPartitionCommitter"/>: calls to the partition's committer grain.</summary>
internal sealed class CommitterClient(ICommitterGrain grain) : IPartitionCommitter
{
    public Task<GenerationStart> BeginGenerationAsync(CancellationToken cancellationToken) => grain.BeginGeneration();

    public Task<EpochOutcome> CommitEpochAsync(EpochPlan plan, CancellationToken cancellationToken) => grain.CommitEpoch(plan);

    public Task ReleaseAsync(long generation) => grain.Release(generation);
}
