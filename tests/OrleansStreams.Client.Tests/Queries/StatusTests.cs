using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Queries;

public sealed class StatusTests
{
    private readonly FakeTransport _cluster = new();
    private readonly OrleansStreamsClient _client;

    public StatusTests()
    {
        _client = new OrleansStreamsClient(_cluster, new FakeTimeProvider(), NullLogger.Instance);
    }

    [Fact]
    public async Task GetStatus_SomePartitionsWithoutReport_ListedAsMissing()
    {
        _cluster.PartitionCount = 6;
        _cluster.Unreported.UnionWith([1, 4]);

        var status = await _client.GetStatusAsync("sensors");

        Assert.Equal("sensors", status.Pipeline);
        Assert.Equal(6, status.PartitionCount);
        Assert.Equal([0, 2, 3, 5], status.Partitions.Select(p => p.Partition));
        Assert.Equal([1, 4], status.MissingPartitions);
    }

    [Fact]
    public async Task GetStatus_NoReports_NoPartitionCountNothingMissing()
    {
        _cluster.StatusIntercept = () => Task.FromResult<PartitionStatus[]>([]);

        var status = await _client.GetStatusAsync("sensors");

        Assert.Equal(0, status.PartitionCount);
        Assert.Empty(status.Partitions);
        Assert.Empty(status.MissingPartitions);
    }

    [Fact]
    public async Task GetStatus_ReportsOfDifferentCounts_TheLargestCountWins()
    {
        _cluster.StatusIntercept = () => Task.FromResult<PartitionStatus[]>(
            [.. _cluster.Reports().Select(r => r.Partition == 0 ? r with { PartitionCount = 8 } : r)]);

        var status = await _client.GetStatusAsync("sensors");

        Assert.Equal(8, status.PartitionCount);
        Assert.Equal([4, 5, 6, 7], status.MissingPartitions);
    }

    [Fact]
    public async Task GetStatus_UnknownPipeline_PipelineNotFound()
    {
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _client.GetStatusAsync("nope"));

        Assert.Equal(0, _cluster.StatusCalls);
    }

    [Fact]
    public async Task GetStatus_NotWindowedPipeline_StillReported()
    {
        var status = await _client.GetStatusAsync("passthrough");

        Assert.Equal(4, status.PartitionCount);
    }

    [Fact]
    public async Task GetPipelines_AsTheCatalogListsThem_ByName()
    {
        var pipelines = await _client.GetPipelinesAsync();

        Assert.Equal(["passthrough", "sensors"], pipelines.Select(p => p.Name));
    }

    [Fact]
    public async Task GetSilos_AsTheClusterListsThem()
    {
        var silo = Assert.Single(await _client.GetSilosAsync());

        Assert.Equal("silo-1", silo.Name);
    }
}
