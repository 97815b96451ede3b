using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansStreams.Configuration;
using OrleansStreams.Ingress;

namespace OrleansStreams.Health;

/// <summary>Ready only while a Kafka broker answers a metadata request within the check timeout (through the silo's admin client).</summary>
internal sealed class KafkaHealthCheck(TopicAdmin admin, HealthSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var brokers = await Task.Run(() => admin.BrokerCount(settings.CheckTimeout), cancellationToken);
            return brokers > 0
                ? HealthCheckResult.Healthy($"{brokers} Kafka brokers reachable")
                : HealthCheckResult.Unhealthy("Kafka answered with no brokers");
        }
        catch (KafkaException e)
        {
            return HealthCheckResult.Unhealthy($"Kafka unreachable within {Text.Durations.Format(settings.CheckTimeout)}: {e.Error.Reason}");
        }
    }
}
