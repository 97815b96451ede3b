using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansStreams.Configuration;

/// <summary>The <c>Cluster</c> section: membership, identity and ports of this silo.</summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Cluster";

    /// <summary>Default cluster and service id.</summary>
    public const string DefaultClusterId = "orleans-streams";

    /// <summary>Default silo-to-silo port.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Default client gateway port.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Default time the host gives the silo to stop.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(8);

    /// <summary>How silos find each other.</summary>
    /// <value>Defaults to <see cref="ClusterProvider.Localhost"/>.</value>
    public ClusterProvider Provider { get; init; } = ClusterProvider.Localhost;

    /// <summary>The Orleans cluster id; silos with the same id form one cluster.</summary>
    /// <value>Defaults to <see cref="DefaultClusterId"/>.</value>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>The Orleans service id; grain state is keyed by it, so keep it stable across deployments.</summary>
    /// <value>Defaults to <see cref="DefaultClusterId"/>.</value>
    public string ServiceId { get; init; } = DefaultClusterId;

    /// <summary>This silo's name in logs and metrics.</summary>
    /// <value>Defaults to the machine name and silo port.</value>
    public string? SiloName { get; init; }

    /// <summary>Silo-to-silo port.</summary>
    /// <value>Defaults to <see cref="DefaultSiloPort"/>.</value>
    public int SiloPort { get; init; } = DefaultSiloPort;

    /// <summary>Client gateway port.</summary>
    /// <value>Defaults to <see cref="DefaultGatewayPort"/>.</value>
    public int GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary>The address other silos reach this one at (AdoNet clustering).</summary>
    /// <value>Defaults to 127.0.0.1 for Localhost clustering and to the first non-loopback address otherwise.</value>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Localhost clustering: the primary silo's silo endpoint; empty on the primary itself.</summary>
    public DnsEndPoint? PrimarySiloEndpoint { get; init; }

    /// <summary>AdoNet clustering: the PostgreSQL connection string of the membership database.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>How long a silo waits for a probe answer before counting it missed (failure detection).</summary>
    /// <value>Defaults to 5 s, Orleans' default.</value>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes after which a silo suspects another; with the votes of others it is declared dead.</summary>
    /// <value>Defaults to 3, Orleans' default.</value>
    public int MissedProbesLimit { get; init; } = 3;

    /// <summary>How long the host waits for the silo to stop on Ctrl-C or SIGTERM.</summary>
    /// <value>Defaults to <see cref="DefaultShutdownTimeout"/>.</value>
    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;

    /// <summary>Reads and validates the section.</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var provider = section.ReadEnum("Provider", ClusterProvider.Localhost);
        var advertised = section.ReadString("AdvertisedAddress");
        IPAddress? address = null;
        if (advertised is not null && !IPAddress.TryParse(advertised, out address))
        {
            throw new InvalidSettingException(section.Key("AdvertisedAddress"), advertised, "an IPv4 or IPv6 address");
        }

        var settings = new ClusterSettings
        {
            Provider = provider,
            ClusterId = section.ReadString("ClusterId", DefaultClusterId)!,
            ServiceId = section.ReadString("ServiceId", DefaultClusterId)!,
            SiloName = section.ReadString("SiloName"),
            SiloPort = section.ReadInt("SiloPort", DefaultSiloPort, 1, 65535),
            GatewayPort = section.ReadInt("GatewayPort", DefaultGatewayPort, 1, 65535),
            AdvertisedAddress = address,
            PrimarySiloEndpoint = section.ReadEndpoint("PrimarySiloEndpoint", null),
            ConnectionString = section.ReadString("ConnectionString"),
            ProbeTimeout = section.ReadDuration("ProbeTimeout", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1)),
            MissedProbesLimit = section.ReadInt("MissedProbesLimit", 3, 1, 100),
            ShutdownTimeout = section.ReadDuration("ShutdownTimeout", DefaultShutdownTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
        };

        if (settings.SiloPort == settings.GatewayPort)
        {
            throw new InvalidSettingException(section.Key("GatewayPort"), settings.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), $"a port other than Cluster:SiloPort ({settings.SiloPort})");
        }

        if (provider == ClusterProvider.AdoNet && settings.ConnectionString is null)
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), null, "a PostgreSQL connection string when Cluster:Provider is AdoNet");
        }

        return settings;
    }
}
