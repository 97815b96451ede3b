using System.Globalization;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Generation;

namespace OrleansStreams.Bench.Ingest;

/// <summary>
/// Records/s through the ingress — dev broker (separate process) → the real silo host's partition
/// agents → a key grain that only counts — against one plain Confluent.Kafka consumer reading the same
/// topic in the same run. Rounds alternate raw / ingest; the table shows the median of each.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    private const string Topic = "ingest-input";

    private static readonly (string, string)[] Defaults =
    [
        ("records", "1000000"), ("keys", "10000"), ("skew", "1.0"), ("partitions", "4"), ("rounds", "3"),
        ("guarantee", "AtLeastOnce"), ("commit-interval", "1s"), ("max-in-flight", "128"), ("max-batch", "500"),
    ];

    public string Name => "ingest";

    public string Description => "records/s through partition agents to a trivial key grain vs raw Confluent.Kafka consume";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (BenchOptions.Parse(args, Defaults) is not { } options)
        {
            return 2;
        }

        var records = options.Int("records");
        var partitions = options.Int("partitions");
        await Console.Error.WriteLineAsync($"options: {options.Line}");
        await using var broker = await BrokerProcess.StartAsync(cancellationToken);
        await SensorInput.CreateTopicAsync(broker.BootstrapServers, Topic, partitions);
        var generator = new GeneratorOptions { Keys = options.Int("keys"), Skew = options.Double("skew"), LateShare = 0, OutOfOrderShare = 0, UnreadableShare = 0 };
        var produced = SensorInput.Produce(broker.BootstrapServers, Topic, records, generator, TimeSpan.FromMinutes(10));
        var ends = SensorInput.EndOffsets(broker.BootstrapServers, Topic, partitions);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"dev broker {broker.BootstrapServers}: {records:N0} records over {generator.Keys:N0} keys (Zipf {generator.Skew}) in {partitions} partitions, produced at {produced:N0}/s; per partition {string.Join(' ', ends)}"));

        var rounds = new List<(Measurement Raw, Measurement RawPerPartition, Measurement Ingest)>();
        for (var round = 1; round <= options.Int("rounds") && !cancellationToken.IsCancellationRequested; round++)
        {
            var brokerBefore = broker.ProcessorTime;
            var raw = RawConsume.Run(broker.BootstrapServers, Topic, partitions, records);
            await Report(round, "raw consume, 1 consumer", raw, broker.ProcessorTime - brokerBefore);

            brokerBefore = broker.ProcessorTime;
            var rawPerPartition = RawConsume.Run(broker.BootstrapServers, Topic, partitions, records, consumers: partitions);
            await Report(round, $"raw consume, {partitions} consumers", rawPerPartition, broker.ProcessorTime - brokerBefore);

            brokerBefore = broker.ProcessorTime;
            string[] settings =
            [
                $"--OrleansStreams:Kafka:MaxInFlight={options.Int("max-in-flight")}",
                $"--OrleansStreams:Kafka:MaxBatchRecords={options.Int("max-batch")}",
                $"--OrleansStreams:Processing:Guarantee={options.String("guarantee")}",
                $"--OrleansStreams:Processing:CommitInterval={options.String("commit-interval")}",
            ];
            var ingest = await IngestRun.RunAsync(broker.BootstrapServers, Topic, $"round {round} ingest", settings, records, cancellationToken);
            await Report(round, "ingest", ingest, broker.ProcessorTime - brokerBefore);
            rounds.Add((raw, rawPerPartition, ingest));
        }

        Print(options, partitions, rounds);
        return 0;
    }

    private static Task Report(int round, string what, Measurement m, TimeSpan brokerCpu) =>
        Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"round {round} {what,-24}: {m.PerSecond,9:N0} records/s, {m.PerCpuSecond,9:N0} records/CPU-s ({m.Elapsed.TotalSeconds:0.00} s, CPU {m.Cpu.TotalSeconds:0.00} s; broker CPU {brokerCpu.TotalSeconds:0.00} s)"));

    private static void Print(BenchOptions options, int partitions, List<(Measurement Raw, Measurement RawPerPartition, Measurement Ingest)> rounds)
    {
        Console.WriteLine($"options: {options.Line}");
        Console.WriteLine();
        Console.WriteLine($"| round | raw, 1 consumer: records/s | records/CPU-s | raw, {partitions} consumers: records/s | records/CPU-s | ingest: records/s | records/CPU-s | ingest ÷ raw 1 (rate / per CPU-s) | ingest ÷ raw {partitions} (rate / per CPU-s) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var lines = rounds.Select((r, i) => (Label: $"{i + 1}", Values: Row(r.Raw, r.RawPerPartition, r.Ingest))).ToList();
        var medians = Enumerable.Range(0, lines[0].Values.Length).Select(c => Measurement.Median(lines.Select(l => l.Values[c]))).ToArray();
        foreach (var (label, values) in lines.Append(("median", medians)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {values[0]:N0} | {values[1]:N0} | {values[2]:N0} | {values[3]:N0} | {values[4]:N0} | {values[5]:N0} | {values[6]:0.00} / {values[7]:0.00} | {values[8]:0.00} / {values[9]:0.00} |"));
        }
    }

    private static double[] Row(Measurement raw, Measurement rawPerPartition, Measurement ingest) =>
    [
        raw.PerSecond, raw.PerCpuSecond, rawPerPartition.PerSecond, rawPerPartition.PerCpuSecond, ingest.PerSecond, ingest.PerCpuSecond,
        ingest.PerSecond / raw.PerSecond, ingest.PerCpuSecond / raw.PerCpuSecond,
        ingest.PerSecond / rawPerPartition.PerSecond, ingest.PerCpuSecond / rawPerPartition.PerCpuSecond,
    ];
}
