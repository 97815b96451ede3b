using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansStreams.Configuration;

namespace OrleansStreams.Hosting;

/// <summary>Writes the one "ready" line when the host has started, one line when it stops, and a warning when state is not durable.</summary>
internal sealed class SiloLifetimeLogger(
    IHostApplicationLifetime lifetime,
    ILocalSiloDetails silo,
    IOptions<ClusterOptions> cluster,
    IOptions<EndpointOptions> endpoints,
    StorageSettings storage,
    ILogger<SiloLifetimeLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Provider == StorageProvider.Memory)
        {
            HostingLog.StateNotDurable(logger);
        }

        lifetime.ApplicationStarted.Register(() =>
            HostingLog.SiloReady(logger, silo.Name, silo.SiloAddress.ToString(), cluster.Value.ClusterId, endpoints.Value.GatewayPort));
        lifetime.ApplicationStopping.Register(() => HostingLog.SiloStopping(logger, silo.Name));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
