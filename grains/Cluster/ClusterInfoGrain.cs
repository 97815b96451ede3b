using System.Reflection;
using Orleans.Concurrency;
using OrleansStreams.Cluster;

namespace OrleansStreams.Grains.Cluster;

[StatelessWorker]
internal sealed class ClusterInfoGrain(ILocalSiloDetails silo) : Grain, IClusterInfoGrain
{
    private static readonly string ProductVersion =
        typeof(ClusterInfoGrain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    public Task<SiloInfo> GetSiloInfo() =>
        Task.FromResult(new SiloInfo(silo.SiloAddress.ToString(), silo.Name, ProductVersion));
}
