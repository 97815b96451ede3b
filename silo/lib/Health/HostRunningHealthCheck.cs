using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace OrleansStreams.Health;

/// <summary>Live while the host has started and is not stopping: the process answers and means to keep running.</summary>
internal sealed class HostRunningHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the host is stopping")
            : HealthCheckResult.Healthy("the host is running"));
}
