using Orleans.Concurrency;

namespace OrleansStreams.Queries;

/// <summary>
/// The status of one pipeline's partitions, id = the pipeline's name: every partition agent reports
/// to it about once a second, and clients read it. Kept in memory only: after a move it fills again
/// within a report interval. Part of the wire contract between silos and the client SDK.
/// </summary>
public interface IPipelineStatusGrain : IGrainWithStringKey
{
    /// <summary>Records an agent's report; a report of an older generation than the one held is ignored.</summary>
    /// <param name="status">The report.</param>
    /// <returns>A task that completes when the report is sent.</returns>
    [OneWay]
    Task Report(PartitionStatus status);

    /// <summary>The latest report of every partition, in partition order.</summary>
    /// <returns>The reports.</returns>
    [AlwaysInterleave]
    Task<PartitionStatus[]> GetStatus();
}
