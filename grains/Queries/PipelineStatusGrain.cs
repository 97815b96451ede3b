using OrleansStreams.Queries;

namespace OrleansStreams.Grains.Queries;

/// <summary>
/// Holds the last report of every partition of one pipeline (see <see cref="IPipelineStatusGrain"/>).
/// A report of an older generation than the one held is ignored: after a move the old owner's last
/// report may still be in flight.
/// </summary>
internal sealed class PipelineStatusGrain : Grain, IPipelineStatusGrain
{
    private readonly SortedDictionary<int, PartitionStatus> _partitions = [];

    public Task Report(PartitionStatus status)
    {
        if (!_partitions.TryGetValue(status.Partition, out var held) || status.Generation >= held.Generation)
        {
            _partitions[status.Partition] = status;
        }

        return Task.CompletedTask;
    }

    public Task<PartitionStatus[]> GetStatus() => Task.FromResult<PartitionStatus[]>([.. _partitions.Values]);
}
