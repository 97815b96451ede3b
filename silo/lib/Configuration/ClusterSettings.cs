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
    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    /// <summary>The Orleans cluster id; silos with the same id form one cluster.</summary>
    /// <value>Defaults to <see cref="DefaultClusterId"/>.</value>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>The Orleans service id; grain state is keyed by it, so keep it stable across deployments.</summary>
    /// <value>Defaults to <see cref="DefaultClusterId"/>.</value>
    public string ServiceId { get; set; } = DefaultClusterId;

    /// <summary>This silo's name in logs and metrics.</summary>
    /// <value>Defaults to the machine name and silo port.</value>
    public string? SiloName { get; set; }

    /// <summary>Silo-to-silo port.</summary>
    /// <value>Defaults to <see cref="DefaultSiloPort"/>.</value>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Client gateway port.</summary>
    /// <value>Defaults to <see cref="DefaultGatewayPort"/>.</value>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>The address other silos reach this one at (AdoNet clustering).</summary>
    /// <value>Defaults to 127.0.0.1 for Localhost clustering and to the first non-loopback address otherwise.</value>
    public IPAddress? AdvertisedAddress { get; set; }

    /// <summary>Localhost clustering: the primary silo's silo endpoint; empty on the primary itself.</summary>
    public DnsEndPoint? PrimarySiloEndpoint { get; set; }

    /// <summary>AdoNet clustering: the PostgreSQL connection string of the membership database.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a silo waits for a probe answer before counting it missed (failure detection).</summary>
    /// <value>Defaults to 5 s, Orleans' default.</value>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes after which a silo suspects another; with the votes of others it is declared dead.</summary>
    /// <value>Defaults to 3, Orleans' default.</value>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How long the host waits for the silo to stop on Ctrl-C or SIGTERM.</summary>
    /// <value>Defaults to <see cref="DefaultShutdownTimeout"/>.</value>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>Keys of the section that only the client SDK reads (silos and clients may share one configuration).</summary>
    private static readonly string[] ClientOnlyKeys = ["Gateways", "ConnectTimeout"];

    /// <summary>Every setting of the section: how it is read and what is allowed.</summary>
    internal static SettingTable<ClusterSettings> Table { get; } = new SettingTable<ClusterSettings>()
        .Enum(o => o.Provider)
        .String(o => o.ClusterId, v => v.Length > 0, "a non-empty cluster id")
        .String(o => o.ServiceId, v => v.Length > 0, "a non-empty service id")
        .String(o => o.SiloName, _ => true, "a silo name")
        .Int(o => o.SiloPort, 1, 65535)
        .Int(o => o.GatewayPort, 1, 65535)
        .Address(o => o.AdvertisedAddress)
        .Endpoint(o => o.PrimarySiloEndpoint)
        .String(o => o.ConnectionString, _ => true, "a PostgreSQL connection string")
        .Duration(o => o.ProbeTimeout, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1))
        .Int(o => o.MissedProbesLimit, 1, 100)
        .Duration(o => o.ShutdownTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>Reads and validates the section (<c>OrleansStreams:Cluster</c>, or the top-level <c>Cluster</c> of earlier releases).</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static ClusterSettings Read(IConfiguration configuration) => Read(new SettingSections(configuration));

    /// <summary>Binds and validates the section <paramref name="sections"/> finds.</summary>
    internal static ClusterSettings Read(SettingSections sections)
    {
        var section = sections.Get(SectionName);
        var settings = new ClusterSettings();
        Table.Bind(section, settings, ClientOnlyKeys);
        if (settings.SiloPort == settings.GatewayPort)
        {
            throw new InvalidSettingException(section.Key("GatewayPort"), settings.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), $"a port other than {section.Key("SiloPort")} ({settings.SiloPort})");
        }

        if (settings.Provider == ClusterProvider.AdoNet && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), null, $"a PostgreSQL connection string when {section.Key("Provider")} is AdoNet");
        }

        return settings;
    }
}
