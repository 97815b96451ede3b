using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansStreams.Health;

/// <summary>Ready only while this silo is an active member of the cluster (not joining, not shutting down, not declared dead).</summary>
internal sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.Name} is active")
            : HealthCheckResult.Unhealthy($"silo {silo.Name} is {status}, not active"));
    }
}
