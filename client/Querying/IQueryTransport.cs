using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>The cluster calls the client makes; the seam that lets the query logic be tested without silos.</summary>
internal interface IQueryTransport
{
    ValueTask<PartitionQueryAnswer> Query(string pipeline, int partition, PartitionQuery query);

    Task<PartitionStatus[]> GetStatus(string pipeline);

    Task<PipelineInfo[]> GetPipelines();

    Task<ClusterSilo[]> GetSilos();

    /// <summary>
    /// Subscribes to one partition's results stream: <paramref name="onResult"/> gets each result
    /// (of <paramref name="key"/>'s batches only, when given) until the returned handle is disposed.
    /// </summary>
    Task<IAsyncDisposable> SubscribeResults(string pipeline, int partition, string? key, Func<PublishedResult, Task> onResult);
}
