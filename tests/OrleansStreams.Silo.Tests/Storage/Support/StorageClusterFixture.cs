using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansStreams.Storage;

namespace OrleansStreams.Silo.Tests.Storage.Support;

/// <summary>A fresh database of one backend plus a one-silo in-process cluster storing grain state in it.</summary>
public sealed class StorageClusterFixture<TBackend> : IAsyncLifetime
    where TBackend : StorageBackend, new()
{
    public TBackend Backend { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silo's grain storage named <see cref="StorageNames.State"/>, as grains get it.</summary>
    public IGrainStorage GrainStorage =>
        Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    public async Task InitializeAsync()
    {
        await Backend.InitializeAsync();
        Cluster = await StorageTestCluster.StartAsync(Backend.Settings, "storage-tests");
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
