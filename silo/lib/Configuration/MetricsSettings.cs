using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansStreams.Configuration;

/// <summary>The <c>Metrics</c> section: OpenTelemetry metrics and traces, the Prometheus endpoint, OTLP export.</summary>
public sealed class MetricsSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Metrics";

    /// <summary>Default address of the Prometheus scrape endpoint.</summary>
    public const string DefaultListen = "127.0.0.1:9464";

    /// <summary>Default sampling of per-record traces: one record in this many offsets.</summary>
    public const int DefaultTraceEvery = 1_000;

    /// <summary>Whether metrics and traces are collected and exported at all.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the Prometheus scrape endpoint (<c>http://host:port/metrics</c>) listens; port 0 picks a free port.</summary>
    /// <value>Defaults to <see cref="DefaultListen"/>.</value>
    public DnsEndPoint Listen { get; set; } = new("127.0.0.1", 9464);

    /// <summary>An OTLP endpoint (<c>http://collector:4317</c>, gRPC) that receives metrics and traces too, or <see langword="null"/>.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Whether Orleans' own meter (<c>Microsoft.Orleans</c>: activations, messaging, grain storage) is exported; it records on every grain call.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool OrleansMeters { get; set; } = true;

    /// <summary>Per-record traces: a record is traced when its offset is a multiple of this; 0 traces none.</summary>
    /// <value>Defaults to <see cref="DefaultTraceEvery"/>.</value>
    public int TraceEvery { get; set; } = DefaultTraceEvery;

    /// <summary>Every setting of the section: how it is read and what is allowed.</summary>
    internal static SettingTable<MetricsSettings> Table { get; } = new SettingTable<MetricsSettings>()
        .Bool(o => o.Enabled)
        .Listen(o => o.Listen)
        .HttpUrl(o => o.OtlpEndpoint, "http://127.0.0.1:4317")
        .Bool(o => o.OrleansMeters)
        .Int(o => o.TraceEvery, 0, int.MaxValue);

    /// <summary>Reads and validates the section (<c>OrleansStreams:Metrics</c>, or the top-level <c>Metrics</c> of earlier releases).</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static MetricsSettings Read(IConfiguration configuration)
    {
        var settings = new MetricsSettings();
        Table.Bind(new SettingSections(configuration).Get(SectionName), settings);
        return settings;
    }
}
