using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Telemetry;

/// <summary>
/// The real silo executable on its embedded default (dev broker, SQLite, load generator) with a
/// 2-second-window pipeline, every record traced, its metrics on a free port — and a real
/// Prometheus scraping it every second.
/// </summary>
public sealed class SiloUnderLoadFixture : IAsyncLifetime
{
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");
    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("orleansstreams-telemetry-");

    public ManagedProcess Silo { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public string BootstrapServers { get; } = $"127.0.0.1:{FreePorts.Next()}";

    public string MetricsTarget { get; } = $"127.0.0.1:{FreePorts.Next()}";

    public async Task InitializeAsync()
    {
        Silo = ManagedProcess.StartDotnet("silo", SiloAssembly,
        [
            $"--Cluster:SiloPort={FreePorts.Next()}",
            $"--Cluster:GatewayPort={FreePorts.Next()}",
            $"--DevBroker:Listen={BootstrapServers}",
            $"--Metrics:Listen={MetricsTarget}",
            "--Query:Listen=127.0.0.1:0",
            "--Metrics:TraceEvery=1",
            "--Generator:Rate=2000",
            "--Generator:Keys=200",
            "--Pipelines:sensors:Input=sensor-readings",
            "--Pipelines:sensors:Output=sensor-aggregates",
            "--Pipelines:sensors:DeadLetterTopic=sensor-readings-dlq",
            "--Pipelines:sensors:Window:Size=2s",
            "--Pipelines:sensors:Window:Grace=1s",
            "--Progress:Interval=0",
        ], workingDirectory: _workingDirectory.FullName);
        await Silo.WaitForLineAsync(l => l.Contains(" ready at ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Prometheus = await PrometheusServer.StartAsync([MetricsTarget]);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Silo is not null)
        {
            Silo.Terminate();
            await Silo.WaitForExitAsync(TimeSpan.FromSeconds(15));
            await Silo.DisposeAsync();
        }

        try
        {
            _workingDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
