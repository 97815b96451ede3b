using OrleansStreams.Queries;

namespace OrleansStreams.Client;

/// <summary>What the partitions of one pipeline last reported.</summary>
/// <param name="Pipeline">The pipeline's name.</param>
/// <param name="PartitionCount">The input topic's partition count as the partitions report it; 0 while none has reported.</param>
/// <param name="Partitions">The latest report of every partition that reported, in partition order.</param>
/// <param name="MissingPartitions">Partitions below <paramref name="PartitionCount"/> without a report: not running, or started too recently.</param>
public sealed record PipelineStatus(
    string Pipeline,
    int PartitionCount,
    IReadOnlyList<PartitionStatus> Partitions,
    IReadOnlyList<int> MissingPartitions);
