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
    public bool Enabled { get; init; } = true;

    /// <summary>Where the Prometheus scrape endpoint (<c>http://host:port/metrics</c>) listens; port 0 picks a free port.</summary>
    /// <value>Defaults to <see cref="DefaultListen"/>.</value>
    public DnsEndPoint Listen { get; init; } = new("127.0.0.1", 9464);

    /// <summary>An OTLP endpoint (<c>http://collector:4317</c>, gRPC) that receives metrics and traces too, or <see langword="null"/>.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Whether Orleans' own meter (<c>Microsoft.Orleans</c>: activations, messaging, grain storage) is exported; it records on every grain call.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool OrleansMeters { get; init; } = true;

    /// <summary>Per-record traces: a record is traced when its offset is a multiple of this; 0 traces none.</summary>
    /// <value>Defaults to <see cref="DefaultTraceEvery"/>.</value>
    public int TraceEvery { get; init; } = DefaultTraceEvery;

    /// <summary>Reads and validates the section.</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static MetricsSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        return new MetricsSettings
        {
            Enabled = section.ReadBool("Enabled", true),
            Listen = ListenEndpoint.Read(section, "Listen", DefaultListen),
            OtlpEndpoint = ReadOtlp(section),
            OrleansMeters = section.ReadBool("OrleansMeters", true),
            TraceEvery = section.ReadInt("TraceEvery", DefaultTraceEvery, 0, int.MaxValue),
        };
    }

    private static Uri? ReadOtlp(IConfiguration section)
    {
        var raw = section.ReadString("OtlpEndpoint");
        if (raw is null)
        {
            return null;
        }

        return Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidSettingException(section.Key("OtlpEndpoint"), raw, "an absolute http:// or https:// URL, e.g. http://127.0.0.1:4317");
    }
}
