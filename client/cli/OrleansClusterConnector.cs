using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Client.Hosting;
using OrleansStreams.Client.Querying;
using OrleansStreams.Text;

namespace OrleansStreams.Client.Cli;

/// <summary>Connects through a host with the SDK's Orleans client and nothing else (no logging: errors are reported in one line).</summary>
internal sealed class OrleansClusterConnector : IClusterConnector
{
    /// <summary>Beyond the connect timeout, for the last attempt to fail by itself before the start is abandoned.</summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public async Task<IClusterSession> ConnectAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(settings);
        var cluster = ClientClusterSettings.Read(builder.Configuration);
        builder.AddOrleansStreamsClient();
        var host = builder.Build();

        using var start = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        start.CancelAfter(cluster.ConnectTimeout + StartGrace);
        try
        {
            await host.StartAsync(start.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(host);
            var reason = start.IsCancellationRequested
                ? $"no answer within {Durations.Format(cluster.ConnectTimeout + StartGrace)}"
                : CallFailures.OneLine(e.GetBaseException().Message);
            throw new ClusterUnreachableException($"cannot reach the cluster at {cluster.Describe()}: {reason}");
        }

        return new Session(host);
    }

    private static async Task StopAsync(IHost host)
    {
        using var stop = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(stop.Token);
        }
        catch (Exception)
        {
            // Best effort: after a start that failed early, Orleans' client fails to stop in various
            // ways (e.g. ArgumentNullException); the command's own outcome is what gets reported.
        }

        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    private sealed class Session(IHost host) : IClusterSession
    {
        public IOrleansStreamsClient Client { get; } = host.Services.GetRequiredService<IOrleansStreamsClient>();

        public async ValueTask DisposeAsync() => await StopAsync(host);
    }
}
