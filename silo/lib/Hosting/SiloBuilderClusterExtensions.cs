using System.Net;
using Orleans.Configuration;
using OrleansStreams.Configuration;
using OrleansStreams.Storage;

namespace Orleans.Hosting;

/// <summary>Applies the <c>Cluster</c> settings to an Orleans silo.</summary>
public static class SiloBuilderClusterExtensions
{
    /// <summary>Configures membership, identity and endpoints of the silo from <paramref name="settings"/>.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="settings">Validated cluster settings.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder UseOrleansStreamsClustering(this ISiloBuilder silo, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Provider)
        {
            case ClusterProvider.Localhost:
                var primary = settings.PrimarySiloEndpoint is { } p
                    ? new IPEndPoint(ResolveAddress(p.Host), p.Port)
                    : null;
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, primary, settings.ServiceId, settings.ClusterId);
                break;
            case ClusterProvider.AdoNet:
                silo.Services.AddStorageSchema(new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.Clustering, settings.ConnectionString!));
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = settings.ConnectionString;
                });
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                silo.ConfigureEndpoints(
                    settings.AdvertisedAddress ?? FirstNonLoopbackAddress(),
                    settings.SiloPort,
                    settings.GatewayPort,
                    listenOnAnyHostAddress: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "unknown cluster provider");
        }

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = settings.ProbeTimeout; // also sets the adaptive minimum and maximum
            o.NumMissedProbesLimit = settings.MissedProbesLimit;
        });

        if (settings.SiloName is { } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }

        return silo;
    }

    private static IPAddress ResolveAddress(string host) =>
        IPAddress.TryParse(host, out var address) ? address : Dns.GetHostAddresses(host)[0];

    private static IPAddress FirstNonLoopbackAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => !IPAddress.IsLoopback(a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        ?? IPAddress.Loopback;
}
