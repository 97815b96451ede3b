using Orleans.Concurrency;

namespace OrleansStreams.Queries;

/// <summary>
/// The query side of a windowed pipeline's partition state, id <c>"&lt;pipeline&gt;/&lt;partition&gt;"</c>.
/// Answers from the silo that runs the partition; an activation that does not run it answers
/// <see cref="PartitionQueryStatus.NotRunning"/> and goes away, so queries never pin or move a
/// partition. Part of the wire contract between silos and the client SDK.
/// </summary>
public interface IPartitionQueryGrain : IGrainWithStringKey
{
    /// <summary>Answers a query for a batch of keys from one consistent view of the partition.</summary>
    /// <param name="query">The keys, consistency and time range.</param>
    /// <returns>The answer, with the position it reflects.</returns>
    [AlwaysInterleave]
    ValueTask<PartitionQueryAnswer> Query(PartitionQuery query);
}
