using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using OpenTelemetry.Trace;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds OrleansStreams' metrics and traces, and their exporters, to a silo's services.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The meters exported: OrleansStreams' own, Orleans' and the .NET runtime's.</summary>
    public static readonly IReadOnlyList<string> Meters = [OrleansStreamsMetrics.Name, "Microsoft.Orleans", "System.Runtime"];

    /// <summary>
    /// Registers the <c>OrleansStreams</c> meter and activity source; when <see cref="MetricsSettings.Enabled"/>,
    /// exports them (with Orleans' and the runtime's meters) on a Prometheus scrape endpoint and, when set, over OTLP.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="settings">The <c>Metrics</c> settings.</param>
    /// <param name="listenKey">The configuration key of <see cref="MetricsSettings.Listen"/>, named when the port is taken.</param>
    /// <returns>The same services.</returns>
    /// <remarks>The scrape endpoint's port is claimed when the host starts; one another process holds fails the start with an <see cref="InvalidSettingException"/>.</remarks>
    public static IServiceCollection AddOrleansStreamsTelemetry(this IServiceCollection services, MetricsSettings settings, string listenKey = "OrleansStreams:Metrics:Listen")
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddMetrics();
        services.AddSingleton<IPartitionProgress, AgentProgress>();
        services.AddSingleton(new RecordTraces(settings.Enabled ? settings.TraceEvery : 0));
        services.AddSingleton(sp => new OrleansStreamsMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IPartitionProgress>(),
            sp.GetRequiredService<RecordTraces>()));
        if (!settings.Enabled)
        {
            services.AddHostedService(sp => new TelemetryStartup(sp, settings, null));
            return services;
        }

        var listen = new ClaimedEndpoint(settings.Listen, listenKey);
        services.AddSingleton(listen);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddDetector(sp => new SiloResourceDetector(sp.GetRequiredService<IOptions<SiloOptions>>())))
            .WithMetrics(metrics =>
            {
                // The options are read when the meter provider is built, as the host starts: the port is claimed then.
                metrics.AddMeter([.. Meters.Where(m => settings.OrleansMeters || m != "Microsoft.Orleans")]).AddPrometheusHttpListener(o =>
                {
                    o.Host = listen.Value.Host;
                    o.Port = listen.Value.Port;
                    o.ScrapeEndpointPath = "/metrics";
                });
                if (settings.OtlpEndpoint is { } otlp)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(OrleansStreamsMetrics.Name).SetSampler(new ParentBasedSampler(new AlwaysOnSampler()));
                if (settings.OtlpEndpoint is { } otlp)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        services.AddHostedService(sp => new TelemetryStartup(sp, settings, listen));
        return services;
    }
}
