using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Ingress;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// The real silo host (<c>AddOrleansStreamsSilo</c>) in this process, configured the way an operator
/// would (command-line style settings), on free ports, with Warning-level logs.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    /// <summary>The silo host's services (its grain factory, stream providers).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The partition agents this silo runs (their counters feed the progress lines).</summary>
    public IReadOnlyList<PartitionAgent> Agents => _host.Services.GetRequiredService<PartitionOwnershipService>().Agents;

    /// <summary>Builds and starts a silo; <paramref name="services"/> may register pipelines and their grains' dependencies.</summary>
    public static async Task<InProcessSilo> StartAsync(IEnumerable<string> settings, Action<IServiceCollection>? services, CancellationToken cancellationToken)
    {
        string[] args =
        [
            $"--OrleansStreams:Cluster:SiloPort={BrokerProcess.FreePort()}",
            $"--OrleansStreams:Cluster:GatewayPort={BrokerProcess.FreePort()}",
            $"--OrleansStreams:Cluster:ServiceId=bench-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:OrleansStreams=Warning",
            "--Logging:LogLevel:Orleans.Runtime.Watchdog=Error",
            "--OrleansStreams:Query:Listen=127.0.0.1:0",
            .. settings,
        ];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddOrleansStreamsSilo();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new InProcessSilo(host);
    }

    /// <summary>Sums the agents' counters: records read, results out, dead-lettered.</summary>
    public (long RecordsIn, long Results, long DeadLettered, long Generations) Totals()
    {
        long recordsIn = 0, results = 0, dead = 0, generations = 0;
        foreach (var agent in Agents)
        {
            recordsIn += agent.Counters.RecordsIn;
            results += agent.Counters.Results;
            dead += agent.Counters.DeadLettered;
            generations += agent.Counters.Generations;
        }

        return (recordsIn, results, dead, generations);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
