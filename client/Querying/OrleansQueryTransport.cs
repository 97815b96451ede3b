using System.Globalization;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>The cluster calls as grain calls.</summary>
internal sealed class OrleansQueryTransport(IGrainFactory grains) : IQueryTransport
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
}
