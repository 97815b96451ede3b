using Orleans.TestingHost;
using OrleansStreams.Configuration;

namespace OrleansStreams.Silo.Tests.Storage.Support;

public static class StorageTestCluster
{
    /// <summary>
    /// Starts a one-silo in-process cluster whose grain storage is configured by
    /// <paramref name="settings"/> through <c>AddOrleansStreamsStorage</c>, schema installer included.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(StorageSettings settings, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) => silo.AddOrleansStreamsStorage(settings));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
