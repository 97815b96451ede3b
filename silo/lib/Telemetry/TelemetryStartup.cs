using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Telemetry;

namespace OrleansStreams.Telemetry;

/// <summary>Creates the instruments at start (so agents are observed before the first epoch) and says where metrics go.</summary>
internal sealed class TelemetryStartup(IServiceProvider services, MetricsSettings settings, ClaimedEndpoint? listen) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<OrleansStreamsMetrics>();
        var logger = services.GetRequiredService<ILogger<TelemetryStartup>>();
        if (listen is null)
        {
            TelemetryLog.MetricsDisabled(logger);
        }
        else
        {
            var meters = string.Join(", ", TelemetryServiceCollectionExtensions.Meters.Where(m => settings.OrleansMeters || m != "Microsoft.Orleans"));
            TelemetryLog.MetricsListening(logger, $"http://{listen.Value.Host}:{listen.Value.Port}/metrics", meters, settings.OtlpEndpoint?.ToString() ?? "off", settings.TraceEvery);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
