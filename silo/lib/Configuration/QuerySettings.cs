using System.Net;

namespace OrleansStreams.Configuration;

/// <summary>The <c>Query</c> section: the HTTP endpoint that serves window state, pipelines and status as JSON.</summary>
public sealed class QuerySettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Query";

    /// <summary>Default address of the HTTP endpoint.</summary>
    public const string DefaultListen = "127.0.0.1:9465";

    /// <summary>Whether the silo serves the HTTP endpoint.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the endpoint (<c>http://host:port/v1/…</c>) listens; port 0 picks a free port.</summary>
    /// <value>Defaults to <see cref="DefaultListen"/>, loopback only.</value>
    public DnsEndPoint Listen { get; set; } = new("127.0.0.1", 9465);

    /// <summary>Every setting of the section: how it is read and what is allowed.</summary>
    internal static SettingTable<QuerySettings> Table { get; } = new SettingTable<QuerySettings>()
        .Bool(o => o.Enabled)
        .Listen(o => o.Listen);
}
