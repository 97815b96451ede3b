using System.Globalization;
using System.Net;

namespace OrleansStreams.Configuration;

/// <summary>Parses <c>host:port</c> and <c>[ipv6]:port</c>.</summary>
internal static class EndpointParser
{
    public static bool TryParse(string text, out DnsEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new DnsEndPoint(host, port);
        return true;
    }
}
