using System.Net;

namespace OrleansStreams.Configuration;

/// <summary>
/// A <c>host:port</c> the silo serves HTTP on, claimed when first used — when the host starts, never
/// while services are registered: port 0 becomes a free port then, and a port another process holds
/// fails with one line naming the setting.
/// </summary>
/// <param name="configured">The configured endpoint.</param>
/// <param name="key">Its configuration key, for the error.</param>
internal sealed class ClaimedEndpoint(DnsEndPoint configured, string key)
{
    private readonly Lazy<DnsEndPoint> _claimed = new(() => ListenEndpoint.Claim(configured, key));

    /// <summary>The endpoint to bind.</summary>
    /// <exception cref="InvalidSettingException">Another process listens on it.</exception>
    public DnsEndPoint Value => _claimed.Value;
}
