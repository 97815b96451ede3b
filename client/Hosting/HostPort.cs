using System.Globalization;
using System.Net;

namespace OrleansStreams.Client.Hosting;

/// <summary>
/// The one parser of <c>host:port</c> and <c>[ipv6]:port</c> in silos, clients and the CLI (gateways,
/// bootstrap servers, listen endpoints), and its formatting.
/// </summary>
internal static class HostPort
{
    /// <summary>Parses an endpoint to connect to: a port from 1 to 65535.</summary>
    public static bool TryParse(string text, out DnsEndPoint endpoint) => TryParse(text, anyPort: false, out endpoint);

    /// <summary>Parses an endpoint; with <paramref name="anyPort"/>, port 0 (any free port, for listening) is allowed too.</summary>
    public static bool TryParse(string text, bool anyPort, out DnsEndPoint endpoint)
    {
        endpoint = null!;
        text = text.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || (host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _))
            || (anyPort && Uri.CheckHostName(host) == UriHostNameType.Unknown)
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535
            || (port == 0 && !anyPort))
        {
            return false;
        }

        endpoint = new DnsEndPoint(host, port);
        return true;
    }

    public static string Format(DnsEndPoint endpoint) =>
        endpoint.Host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{endpoint.Host}]:{endpoint.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{endpoint.Host}:{endpoint.Port}");

    /// <summary>The gateway's IP endpoint; Orleans' static gateway list takes addresses, not names.</summary>
    public static IPEndPoint Resolve(DnsEndPoint endpoint) =>
        new(IPAddress.TryParse(endpoint.Host, out var address) ? address : Dns.GetHostAddresses(endpoint.Host)[0], endpoint.Port);
}
