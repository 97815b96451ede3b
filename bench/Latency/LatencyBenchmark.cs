using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Windowed;
using OrleansStreams.Generation;

namespace OrleansStreams.Bench.Latency;

/// <summary>
/// Exactly-once vs at-least-once at a fixed input rate, per commit interval: throughput and the
/// end-to-end latency of window results of the windowed-count pipeline (causing input record
/// produced → result seen by a read_committed consumer). Baseline, in the same run: the windowed
/// benchmark's at-least-once rate (the same pipeline over input already in the topic, as fast as it
/// goes) with the same storage.
/// </summary>
internal sealed class LatencyBenchmark : IBenchmark
{
    private static readonly (string, string)[] Defaults =
    [
        ("rate", "20000"), ("seconds", "30"), ("warmup", "5"), ("keys", "10000"), ("skew", "1.0"), ("partitions", "4"),
        ("event-speed", "60"), ("storage", "Sqlite"), ("guarantees", "AtLeastOnce,ExactlyOnce"), ("intervals", "100ms,1s,5s"),
        ("baseline-records", "1000000"), ("postgres", ""),
    ];

    public string Name => "latency";

    public string Description => "exactly-once vs at-least-once at a fixed input rate: throughput, p50/p99 end-to-end latency";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (BenchOptions.Parse(args, Defaults) is not { } options)
        {
            return 2;
        }

        await Console.Error.WriteLineAsync($"options: {options.Line}");
        var baseline = await BaselineAsync(options, cancellationToken);
        var rows = new List<(string Guarantee, string Interval, LatencyResult Result)>();
        foreach (var interval in options.List("intervals"))
        {
            foreach (var guarantee in options.List("guarantees"))
            {
                var result = await MeasureAsync(options, guarantee, interval, cancellationToken);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{guarantee} {interval}: {result.Throughput:N0} records/s, latency p50 {result.P50:N0} ms p99 {result.P99:N0} ms max {result.Max:N0} ms over {result.Measured:N0} results ({result.Results:N0} in all, {result.Unmatched} unmatched), lag at end of input {result.LagAtEnd:N0}"));
                rows.Add((guarantee, interval, result));
            }
        }

        Console.WriteLine($"options: {options.Line}");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline: windowed, {options.String("storage")}, AtLeastOnce, 1s commits, input already in the topic: {baseline:N0} records/s; input rate {options.Double("rate"):N0} records/s = {options.Double("rate") / baseline:0.00} of it"));
        Console.WriteLine();
        Console.WriteLine("| guarantee | commit interval | throughput records/s | ÷ baseline | lag at end of input | latency p50 ms | p99 ms | max ms | results measured | unmatched |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (guarantee, interval, r) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {guarantee} | {interval} | {r.Throughput:N0} | {r.Throughput / baseline:0.00} | {r.LagAtEnd:N0} | {r.P50:N0} | {r.P99:N0} | {r.Max:N0} | {r.Measured:N0} | {r.Unmatched} |"));
        }

        return 0;
    }

    private static async Task<double> BaselineAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        // The same record density in event time as the paced input: rate records per (event-speed) event seconds.
        var records = options.Int("baseline-records");
        var span = TimeSpan.FromSeconds(records / options.Double("rate") * options.Double("event-speed"));
        await using var broker = await BrokerProcess.StartAsync(cancellationToken);
        var fill = BenchOptions.Parse(
            ["--records", $"{records}", "--keys", options.String("keys"), "--skew", options.String("skew"), "--partitions", options.String("partitions"), "--event-span", $"{span.TotalSeconds:0}s"],
            [("records", ""), ("keys", ""), ("skew", ""), ("partitions", ""), ("event-span", "")])!;
        var ends = await WindowedBenchmark.FillAsync(broker.BootstrapServers, fill);
        await using var state = await StorageUnderTest.CreateAsync(options.String("storage"), PostgresScratch.Server(options.String("postgres")));
        var result = await WindowedRun.RunAsync(broker.BootstrapServers, "baseline", [.. state.Settings, "--OrleansStreams:Processing:Guarantee=AtLeastOnce", "--OrleansStreams:Processing:CommitInterval=1s"], ends, TimeSpan.FromMinutes(10), cancellationToken);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"baseline: {result.Run.PerSecond:N0} records/s"));
        return result.Run.PerSecond;
    }

    private static async Task<LatencyResult> MeasureAsync(BenchOptions options, string guarantee, string interval, CancellationToken cancellationToken)
    {
        var partitions = options.Int("partitions");
        await using var broker = await BrokerProcess.StartAsync(cancellationToken);
        await SensorInput.CreateTopicAsync(broker.BootstrapServers, WindowedCountPipeline.InputTopic, partitions);
        await SensorInput.CreateTopicAsync(broker.BootstrapServers, WindowedCountPipeline.OutputTopic, partitions);
        await using var state = await StorageUnderTest.CreateAsync(options.String("storage"), PostgresScratch.Server(options.String("postgres")));
        var group = $"bench-{Guid.NewGuid():N}";
        string[] settings = [$"--OrleansStreams:Kafka:BootstrapServers={broker.BootstrapServers}", $"--OrleansStreams:Kafka:GroupId={group}", .. state.Settings, $"--OrleansStreams:Processing:Guarantee={guarantee}", $"--OrleansStreams:Processing:CommitInterval={interval}"];
        await using var silo = await InProcessSilo.StartAsync(settings, services => services.AddOrleansStreamsPipeline(WindowedCountPipeline.Create()), cancellationToken);
        using var committed = new CommittedOffsets(broker.BootstrapServers, $"{group}.{WindowedCountPipeline.Name}", WindowedCountPipeline.InputTopic, partitions);

        var times = new ProduceTimes(partitions);
        var started = Stopwatch.GetTimestamp();
        using var reader = new OutputLatencyReader(broker.BootstrapServers, WindowedCountPipeline.OutputTopic, partitions, times, started + (long)(options.Double("warmup") * Stopwatch.Frequency));
        var generator = new GeneratorOptions { Keys = options.Int("keys"), Skew = options.Double("skew"), EventTimeSpeed = options.Double("event-speed") };
        var produced = await Task.Run(() => PacedProducer.Run(broker.BootstrapServers, WindowedCountPipeline.InputTopic, options.Double("rate"), TimeSpan.FromSeconds(options.Double("seconds")), generator, times, cancellationToken), cancellationToken);
        var ends = SensorInput.EndOffsets(broker.BootstrapServers, WindowedCountPipeline.InputTopic, partitions);
        var lagAtEnd = produced - committed.Progress(ends).Committed;

        var (done, finished) = (0L, false);
        var drainStarted = Stopwatch.GetTimestamp();
        while (!finished && Stopwatch.GetElapsedTime(drainStarted) < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(50, cancellationToken);
            (done, finished) = committed.Progress(ends);
        }

        var throughput = done / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // results of the last epoch reach the reader
        var latencies = reader.Stop();
        return new LatencyResult(throughput, lagAtEnd, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count == 0 ? double.NaN : latencies[^1], latencies.Count, reader.Results, reader.Unmatched);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
