using Orleans.TestingHost;
using OrleansStreams.Cluster;

namespace OrleansStreams.Silo.Tests.Hosting;

public sealed class TestClusterTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder(initialSilosCount: 2).Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task GetSiloInfo_TwoSiloCluster_AnswersFromASiloOfTheCluster()
    {
        var info = await _cluster.Client.GetGrain<IClusterInfoGrain>(0).GetSiloInfo();

        var silos = _cluster.GetActiveSilos().Select(s => s.SiloAddress.ToString()).ToList();
        Assert.Equal(2, silos.Count);
        Assert.Contains(info.SiloAddress, silos);
        Assert.False(string.IsNullOrEmpty(info.ProductVersion));
    }
}
