using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>The cluster calls the client makes; the seam that lets the query logic be tested without silos.</summary>
internal interface IQueryTransport
{
    ValueTask<PartitionQueryAnswer> Query(string pipeline, int partition, PartitionQuery query);

    Task<PartitionStatus[]> GetStatus(string pipeline);

    Task<PipelineInfo[]> GetPipelines();

    Task<ClusterSilo[]> GetSilos();
}
