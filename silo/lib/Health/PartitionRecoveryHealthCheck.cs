using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansStreams.Configuration;
using OrleansStreams.Text;

namespace OrleansStreams.Health;

/// <summary>Ready only while no partition this silo owns has been recovering longer than <see cref="HealthSettings.MaxRecoveryTime"/>.</summary>
/// <param name="partitions">The owned partitions, each with the time it began recovering, or <see langword="null"/> when caught up.</param>
/// <param name="settings">The health settings.</param>
/// <param name="time">The clock.</param>
internal sealed class PartitionRecoveryHealthCheck(
    Func<IReadOnlyList<(string Partition, DateTimeOffset? RecoveringSince)>> partitions,
    HealthSettings settings,
    TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var owned = partitions();
        var stuck = owned
            .Where(p => p.RecoveringSince is { } since && now - since > settings.MaxRecoveryTime)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Partition} for {(now - p.RecoveringSince!.Value).TotalSeconds:0}s"))
            .ToList();
        if (stuck.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"{stuck.Count} of {owned.Count} owned partitions recovering longer than {Durations.Format(settings.MaxRecoveryTime)}: {string.Join(", ", stuck)}"));
        }

        var recovering = owned.Count(p => p.RecoveringSince is not null);
        return Task.FromResult(HealthCheckResult.Healthy($"{owned.Count} owned partitions, {recovering} recovering"));
    }
}
