using Microsoft.Extensions.Hosting;
using OrleansStreams.Configuration;

namespace OrleansStreams.Hosting;

/// <summary>
/// Claims the silo's HTTP endpoints (metrics, queries) first thing when the host starts, before any
/// service runs: a port another process holds stops the start with one line, and nothing was started.
/// </summary>
internal sealed class EndpointClaims(IEnumerable<ClaimedEndpoint> endpoints) : IHostedLifecycleService
{
    /// <summary>Claims every one of <paramref name="endpoints"/> now (each is claimed once; later uses get the same endpoint).</summary>
    /// <exception cref="InvalidSettingException">Another process listens on one of them.</exception>
    public static void ClaimAll(IEnumerable<ClaimedEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            _ = endpoint.Value;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        ClaimAll(endpoints);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
