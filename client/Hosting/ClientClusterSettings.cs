using System.Data.Common;
using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Configuration;

namespace OrleansStreams.Client.Hosting;

/// <summary>
/// The client's view of the <c>OrleansStreams:Cluster</c> section (keys absent there are read from the
/// top-level <c>Cluster</c> of earlier releases), the one silos read: <c>Provider</c>,
/// <c>ClusterId</c>, <c>ServiceId</c>, <c>GatewayPort</c> and <c>ConnectionString</c> mean the same
/// there; <c>Gateways</c> and <c>ConnectTimeout</c> are the client's own. Keys only silos use are ignored.
/// </summary>
internal sealed class ClientClusterSettings
{
    public const string SectionName = "Cluster";
    public const string DefaultClusterId = "orleans-streams";
    public const int DefaultGatewayPort = 30000;
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    public ClientClusterProvider Provider { get; init; } = ClientClusterProvider.Localhost;

    public string ClusterId { get; init; } = DefaultClusterId;

    public string ServiceId { get; init; } = DefaultClusterId;

    /// <summary>Localhost provider: the gateways to connect to; by default the local silo's (<c>127.0.0.1:GatewayPort</c>).</summary>
    public IReadOnlyList<DnsEndPoint> Gateways { get; init; } = [new DnsEndPoint("127.0.0.1", DefaultGatewayPort)];

    /// <summary>AdoNet provider: the PostgreSQL connection string of the membership database.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>How long connecting may take, tries included, before the client gives up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static ClientClusterSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = new SettingSections(configuration).Get(SectionName);
        var provider = section.ReadEnum("Provider", ClientClusterProvider.Localhost);
        var gatewayPort = section.ReadInt("GatewayPort", DefaultGatewayPort, 1, 65535);
        var gateways = section.ReadEndpoints("Gateways") ?? [new DnsEndPoint("127.0.0.1", gatewayPort)];
        var connectionString = section.ReadString("ConnectionString");
        if (provider == ClientClusterProvider.AdoNet)
        {
            if (connectionString is null)
            {
                throw new InvalidSettingException(section.Key("ConnectionString"), null, $"a PostgreSQL connection string when {section.Key("Provider")} is AdoNet");
            }

            if (!IsConnectionString(connectionString))
            {
                throw new InvalidSettingException(section.Key("ConnectionString"), ConnectionStrings.Redact(connectionString), "a PostgreSQL connection string (key=value pairs separated by ';')");
            }
        }

        return new ClientClusterSettings
        {
            Provider = provider,
            ClusterId = section.ReadString("ClusterId", DefaultClusterId)!,
            ServiceId = section.ReadString("ServiceId", DefaultClusterId)!,
            Gateways = gateways,
            ConnectionString = connectionString,
            ConnectTimeout = section.ReadDuration("ConnectTimeout", DefaultConnectTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
        };
    }

    /// <summary>Where the client looks for the cluster, for messages: the gateways, or the membership database without its password.</summary>
    public string Describe() => Provider switch
    {
        ClientClusterProvider.AdoNet => $"the membership database {ConnectionStrings.Redact(ConnectionString!)}",
        _ => string.Join(", ", Gateways.Select(HostPort.Format)),
    };

    private static bool IsConnectionString(string text)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = text }.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
