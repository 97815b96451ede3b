using System.Net;
using System.Net.Sockets;
using OrleansStreams.Client.Hosting;

namespace OrleansStreams.Configuration;

/// <summary>A <c>host:port</c> setting a silo serves HTTP on (metrics, queries): parsing, and a clash checked before start.</summary>
internal static class ListenEndpoint
{
    /// <summary>Parses <c>host:port</c>, port 0 meaning any free port.</summary>
    public static bool TryParse(string raw, out DnsEndPoint endpoint) => HostPort.TryParse(raw, anyPort: true, out endpoint);

    /// <summary>The endpoint to bind: <paramref name="endpoint"/>, or with port 0 a free port of its host.</summary>
    /// <exception cref="InvalidSettingException">Another process listens on the endpoint already (so a clash is one clear line, not a stack trace).</exception>
    public static DnsEndPoint Claim(DnsEndPoint endpoint, string key)
    {
        if (endpoint.Port == 0)
        {
            using var free = new TcpListener(AddressOf(endpoint.Host), 0);
            free.Start();
            return new DnsEndPoint(endpoint.Host, ((IPEndPoint)free.LocalEndpoint).Port);
        }

        try
        {
            using var listener = new TcpListener(AddressOf(endpoint.Host), endpoint.Port);
            listener.Start();
            return endpoint;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidSettingException(
                key,
                $"{endpoint.Host}:{endpoint.Port}",
                "host:port where no other process listens (it is in use: give each silo on a machine its own port, or 0 for any free port)");
        }
    }

    public static IPAddress AddressOf(string host) =>
        IPAddress.TryParse(host, out var ip) ? ip : host is "localhost" ? IPAddress.Loopback : IPAddress.Any;
}
