using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Health;

/// <summary>Ready only while a Kafka broker answers a metadata request within the check timeout.</summary>
internal sealed class KafkaHealthCheck(KafkaConnection kafka, HealthSettings settings) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(kafka.Admin()).SetLogHandler((_, _) => { }).Build());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(settings.CheckTimeout), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} Kafka brokers reachable")
                : HealthCheckResult.Unhealthy("Kafka answered with no brokers");
        }
        catch (KafkaException e)
        {
            return HealthCheckResult.Unhealthy($"Kafka unreachable within {Text.Durations.Format(settings.CheckTimeout)}: {e.Error.Reason}");
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
