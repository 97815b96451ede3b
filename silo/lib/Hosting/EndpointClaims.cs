using Microsoft.Extensions.Hosting;
using OrleansStreams.Configuration;

namespace OrleansStreams.Hosting;

/// <summary>
/// Claims the silo's HTTP endpoints (metrics, queries) first thing when the host starts, before any
/// service runs: a port another process holds stops the start with one line, and nothing was started.
/// </summary>
internal sealed class EndpointClaims(IEnumerable<ClaimedEndpoint> endpoints) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints)
        {
            _ = endpoint.Value;
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
