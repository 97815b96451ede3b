using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansStreams.Client.Hosting;

/// <summary>Applies the <c>Cluster</c> settings to an Orleans client, as the silos apply them to themselves.</summary>
internal static class ClientClustering
{
    public static IClientBuilder UseOrleansStreamsClustering(this IClientBuilder client, ClientClusterSettings settings)
    {
        switch (settings.Provider)
        {
            case ClientClusterProvider.Localhost:
                // Resolved when the client starts, so an unknown host fails the connection, not the configuration.
                client.UseStaticClustering(o => o.Gateways = [.. settings.Gateways.Select(g => HostPort.Resolve(g).ToGatewayUri())]);
                break;
            case ClientClusterProvider.AdoNet:
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = settings.ConnectionString;
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "unknown cluster provider");
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        client.Services.AddSingleton<IClientConnectionRetryFilter>(sp => new DeadlineConnectionRetryFilter(settings.ConnectTimeout, sp.GetRequiredService<TimeProvider>()));
        return client;
    }
}
