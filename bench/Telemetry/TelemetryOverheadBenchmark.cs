using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Client.Generation;
using OrleansStreams.Ingress;

namespace OrleansStreams.Bench.Telemetry;

/// <summary>
/// Throughput of a whole silo (the demo pipeline, exactly-once, in-memory grain storage) over the
/// same pre-produced input, with metrics and tracing off and on, alternating in one run. Each run
/// is a fresh silo in this process with its own consumer group, reading the topic from the start
/// until every partition has committed its last offset.
/// </summary>
internal sealed class TelemetryOverheadBenchmark : IBenchmark
{
    public string Name => "telemetry-overhead";

    public string Description => "silo throughput with metrics and tracing on vs off, in the same run";

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
            await RunSiloAsync(broker.BootstrapServers, "bench-warmup", true, traceEvery, records, cancellationToken);
            var runs = new List<(bool On, double RecordsPerSecond, double RecordsPerCpuSecond)>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var on in round % 2 == 0 ? [false, true] : new[] { true, false })
                {
                    var run = await RunSiloAsync(broker.BootstrapServers, $"bench-{round}-{(on ? "on" : "off")}", on, traceEvery, records, cancellationToken);
                    runs.Add((on, run.RecordsPerSecond, run.RecordsPerCpuSecond));
                    await Console.Error.WriteLineAsync($"round {round + 1} telemetry {(on ? "on " : "off")}: {run.RecordsPerSecond,9:N0} records/s, {run.RecordsPerCpuSecond,9:N0} records/CPU-s");
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

    private static async Task<(double RecordsPerSecond, double RecordsPerCpuSecond)> RunSiloAsync(string bootstrap, string groupId, bool on, int traceEvery, long records, CancellationToken cancellationToken)
    {
        var metricsPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args =
            [
                $"--Kafka:BootstrapServers={bootstrap}",
                $"--Kafka:GroupId={groupId}",
                "--Storage:Provider=Memory",
                $"--Cluster:SiloPort={FreePort()}",
                $"--Cluster:GatewayPort={FreePort()}",
                "--Generator:Enabled=false",
                "--Progress:Interval=0",
                $"--Metrics:Enabled={on}",
                $"--Metrics:Listen=127.0.0.1:{metricsPort}",
                $"--Metrics:TraceEvery={traceEvery}",
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

    private static void Print(List<(bool On, double RecordsPerSecond, double RecordsPerCpuSecond)> runs)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var off = (Median(runs.Where(r => !r.On).Select(r => r.RecordsPerSecond)), Median(runs.Where(r => !r.On).Select(r => r.RecordsPerCpuSecond)));
        var on = (Median(runs.Where(r => r.On).Select(r => r.RecordsPerSecond)), Median(runs.Where(r => r.On).Select(r => r.RecordsPerCpuSecond)));
        Console.WriteLine("| telemetry | records/s (median) | records per CPU-second (median) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| off | {off.Item1:N0} | {off.Item2:N0} |");
        Console.WriteLine($"| on | {on.Item1:N0} | {on.Item2:N0} |");
        Console.WriteLine($"| on / off | {on.Item1 / off.Item1:0.000} | {on.Item2 / off.Item2:0.000} |");
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
