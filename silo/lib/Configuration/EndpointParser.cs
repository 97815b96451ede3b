using System.Globalization;
using System.Net;

namespace OrleansStreams.Configuration;

/// <summary>Parses <c>host:port</c> and <c>[ipv6]:port</c>.</summary>
internal static class EndpointParser
{
    /// <summary>Parses an endpoint to connect to: a port from 1 to 65535.</summary>
    public static bool TryParse(string text, out DnsEndPoint endpoint) => TryParse(text, anyPort: false, out endpoint);

    /// <summary>Parses an endpoint; with <paramref name="anyPort"/>, port 0 (any free port, for listening) is allowed too.</summary>
    public static bool TryParse(string text, bool anyPort, out DnsEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0
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
}
