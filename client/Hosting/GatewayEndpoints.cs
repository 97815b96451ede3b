using System.Globalization;
using System.Net;

namespace OrleansStreams.Client.Hosting;

/// <summary>Reads and writes gateway endpoints: <c>host:port</c>, <c>[ipv6]:port</c>.</summary>
internal static class GatewayEndpoints
{
    public static bool TryParse(string text, out DnsEndPoint endpoint)
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
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
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
