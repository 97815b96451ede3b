using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Generation;
using OrleansStreams.Ingress;

namespace OrleansStreams.Bench.Telemetry;

/// <summary>
/// Throughput of a whole silo (the demo pipeline, exactly-once, in-memory grain storage) over the
/// same pre-produced input, with metrics and tracing off, on, and on without Orleans' own meter,
/// in rotating order in one run. Each run is a fresh silo in this process with its own consumer
/// group, reading the topic from the start until every partition has committed its last offset;
/// with telemetry on, its endpoint is scraped every 5 s.
/// </summary>
internal sealed class TelemetryOverheadBenchmark : IBenchmark
{
    public string Name => "telemetry-overhead";

    public string Description => "silo throughput with metrics and tracing off / on / on without Orleans' meter, in one run";

    private const string Off = "off";
    private const string On = "on";
    private const string OnWithoutOrleans = "on, without Orleans' meter";
    private static readonly string[] Modes = [Off, On, OnWithoutOrleans];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var records = Option(args, "--records", 400_000);
        var rounds = Option(args, "--rounds", 3);
        var partitions = Option(args, "--partitions", 4);
        var keys = Option(args, "--keys", 1_000);
        var traceEvery = Option(args, "--trace-every", 1_000);
        var dataDirectory = Directory.CreateTempSubdirectory("telemetry-bench-").FullName;
        await using var broker = await DevBroker.DevBroker.StartAsync(new DevBroker.DevBrokerOptions { DataDirectory = Path.Combine(dataDirectory, "kafka") }, ct: cancellationToken);
        try
        {
            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build())
            {
                await admin.CreateTopicsAsync([new TopicSpecification { Name = "sensor-readings", NumPartitions = partitions }]);
            }

            await Console.Error.WriteLineAsync($"producing {records:N0} sensor readings over {keys:N0} keys into {partitions} partitions");
            var generator = new SensorReadingGenerator(broker.BootstrapServers, new GeneratorOptions { Rate = 0, Total = records, Keys = keys }, TimeProvider.System, _ => { });
            await generator.RunAsync(cancellationToken);

            // Warm-up (JIT, thread pool, broker page cache), not counted.
            await RunSiloAsync(broker.BootstrapServers, "bench-warmup", On, traceEvery, records, cancellationToken);
            var runs = new List<(string Mode, double RecordsPerSecond, double RecordsPerCpuSecond)>();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < Modes.Length; i++)
                {
                    var mode = Modes[(round + i) % Modes.Length];
                    var run = await RunSiloAsync(broker.BootstrapServers, $"bench-{round}-{i}", mode, traceEvery, records, cancellationToken);
                    runs.Add((mode, run.RecordsPerSecond, run.RecordsPerCpuSecond));
                    await Console.Error.WriteLineAsync($"round {round + 1} {mode,-28}: {run.RecordsPerSecond,9:N0} records/s, {run.RecordsPerCpuSecond,9:N0} records/CPU-s");
                }
            }

            Print(runs);
            return 0;
        }
        finally
        {
            await broker.StopAsync(CancellationToken.None);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<(double RecordsPerSecond, double RecordsPerCpuSecond)> RunSiloAsync(string bootstrap, string groupId, string mode, int traceEvery, long records, CancellationToken cancellationToken)
    {
        var metricsPort = FreePort();
        var on = mode != Off;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args =
            [
                $"--OrleansStreams:Kafka:BootstrapServers={bootstrap}",
                $"--OrleansStreams:Kafka:GroupId={groupId}",
                "--OrleansStreams:Storage:Provider=Memory",
                $"--OrleansStreams:Cluster:SiloPort={FreePort()}",
                $"--OrleansStreams:Cluster:GatewayPort={FreePort()}",
                "--OrleansStreams:Generator:Enabled=false",
                "--OrleansStreams:Progress:Interval=0",
                $"--OrleansStreams:Metrics:Enabled={on}",
                $"--OrleansStreams:Metrics:Listen=127.0.0.1:{metricsPort}",
                $"--OrleansStreams:Metrics:TraceEvery={traceEvery}",
                $"--OrleansStreams:Metrics:OrleansMeters={mode == On}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Orleans=Error",
                "--Logging:LogLevel:OrleansStreams=Warning",
            ],
        });
        builder.AddOrleansStreamsSilo();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var ownership = host.Services.GetRequiredService<PartitionOwnershipService>();
        using var scraper = new HttpClient();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.StartNew();
        var lastScrape = TimeSpan.Zero;
        while (ownership.Agents.Sum(a => Math.Max(0, a.Counters.CommittedOffset)) < records)
        {
            if (started.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{groupId}: not every record committed within 10 minutes");
            }

            // Telemetry on: scraped every 5 s, as the shipped prometheus.yml does.
            if (on && started.Elapsed - lastScrape >= TimeSpan.FromSeconds(5))
            {
                lastScrape = started.Elapsed;
                _ = await scraper.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), cancellationToken);
            }

            await Task.Delay(50, cancellationToken);
        }

        var elapsed = started.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        await host.StopAsync(CancellationToken.None);
        return (records / elapsed, records / cpu);
    }

    private static void Print(List<(string Mode, double RecordsPerSecond, double RecordsPerCpuSecond)> runs)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var medians = Modes.ToDictionary(m => m, m => (
            Wall: Median(runs.Where(r => r.Mode == m).Select(r => r.RecordsPerSecond)),
            Cpu: Median(runs.Where(r => r.Mode == m).Select(r => r.RecordsPerCpuSecond))));
        Console.WriteLine("| telemetry | records/s (median) | vs off | records per CPU-second (median) | vs off |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var mode in Modes)
        {
            var (wall, cpu) = medians[mode];
            Console.WriteLine($"| {mode} | {wall:N0} | {wall / medians[Off].Wall:0.000} | {cpu:N0} | {cpu / medians[Off].Cpu:0.000} |");
        }
    }

    private static int Option(string[] args, string name, int defaultValue)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : defaultValue;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
