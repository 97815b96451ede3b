using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansStreams.Configuration;
using OrleansStreams.Ingress;

namespace OrleansStreams.Health;

/// <summary>Registers the checks behind <c>/health/live</c> and <c>/health/ready</c>.</summary>
internal static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddOrleansStreamsHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<HostRunningHealthCheck>("host", tags: [HealthEndpoints.Live, HealthEndpoints.Ready])
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [HealthEndpoints.Ready])
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.Ready])
            .AddCheck<KafkaHealthCheck>("kafka", tags: [HealthEndpoints.Ready])
            .Add(new HealthCheckRegistration(
                "partitions",
                sp => new PartitionRecoveryHealthCheck(
                    () => [.. sp.GetRequiredService<PartitionOwnershipService>().Agents.Select(a => ($"{a.Pipeline.Name}/{a.Partition}", a.Counters.RecoveringSince))],
                    sp.GetRequiredService<HealthSettings>(),
                    sp.GetRequiredService<TimeProvider>()),
                failureStatus: null,
                tags: [HealthEndpoints.Ready]));
        return services;
    }
}
