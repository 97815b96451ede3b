using System.Globalization;
using Orleans.Streams;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>The cluster calls as grain calls; results streams through the results stream provider, when the host has one.</summary>
internal sealed class OrleansQueryTransport(IGrainFactory grains, Func<IStreamProvider>? results = null) : IQueryTransport
{
    public ValueTask<PartitionQueryAnswer> Query(string pipeline, int partition, PartitionQuery query) =>
        grains.GetGrain<IPartitionQueryGrain>(string.Create(CultureInfo.InvariantCulture, $"{pipeline}/{partition}")).Query(query);

    public Task<PartitionStatus[]> GetStatus(string pipeline) => grains.GetGrain<IPipelineStatusGrain>(pipeline).GetStatus();

    public Task<PipelineInfo[]> GetPipelines() => grains.GetGrain<IPipelineCatalogGrain>(0).GetPipelines();

    public async Task<ClusterSilo[]> GetSilos()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).ConfigureAwait(false);
        return [.. hosts
            .Select(h => new ClusterSilo(
                h.SiloAddress.ToString(),
                h.SiloName,
                h.HostName,
                h.Status.ToString(),
                h.ProxyPort,
                new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc))))
            .OrderBy(s => s.Address, StringComparer.Ordinal)];
    }

    public async Task<IAsyncDisposable> SubscribeResults(string pipeline, int partition, string? key, Func<PublishedResult, Task> onResult)
    {
        var provider = results?.Invoke() ?? throw new InvalidOperationException("this host has no results stream provider");
        var stream = provider.GetStream<PublishedResult>(StreamId.Create(pipeline, ResultStreams.StreamKeyOf(partition)));
        var handle = await stream.SubscribeAsync(new ResultObserver(onResult), null, key).ConfigureAwait(false);
        return new Subscription(handle);
    }

    private sealed class ResultObserver(Func<PublishedResult, Task> onResult) : IAsyncObserver<PublishedResult>
    {
        public Task OnNextAsync(PublishedResult item, StreamSequenceToken? token = null) => onResult(item);

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }

    private sealed class Subscription(StreamSubscriptionHandle<PublishedResult> handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await handle.UnsubscribeAsync().ConfigureAwait(false);
    }
}
