using OrleansStreams.Client.Hosting;

namespace OrleansStreams.Client.Cli;

/// <summary>
/// The cluster options of the commands that talk to silos, as <c>OrleansStreams:Cluster:*</c> settings
/// that win over the environment's <c>OrleansStreams__Cluster__*</c> (and the older <c>Cluster__*</c>).
/// </summary>
internal static class ClusterArguments
{
    public static Dictionary<string, string?> Read(CommandLine args)
    {
        var gateways = args.Strings("gateway");
        var membership = args.OptionalString("membership");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (gateways.Count > 0 && membership is not null)
        {
            throw new UsageException("--gateway and --membership exclude each other: --gateway names silos (Localhost clustering), --membership their PostgreSQL membership table (AdoNet)");
        }

        if (gateways.Count > 0)
        {
            foreach (var gateway in gateways)
            {
                if (!HostPort.TryParse(gateway, out _))
                {
                    throw new UsageException($"--gateway '{gateway}': expected host:port with a port from 1 to 65535");
                }
            }

            settings["OrleansStreams:Cluster:Provider"] = "Localhost";
            settings["OrleansStreams:Cluster:Gateways"] = string.Join(',', gateways);
        }

        if (membership is not null)
        {
            settings["OrleansStreams:Cluster:Provider"] = "AdoNet";
            settings["OrleansStreams:Cluster:ConnectionString"] = membership;
        }

        if (args.OptionalString("cluster-id") is { } clusterId)
        {
            settings["OrleansStreams:Cluster:ClusterId"] = clusterId;
        }

        if (args.OptionalString("service-id") is { } serviceId)
        {
            settings["OrleansStreams:Cluster:ServiceId"] = serviceId;
        }

        return settings;
    }
}
