using System.Globalization;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Client.Generation;
using OrleansStreams.Configuration;

namespace OrleansStreams.Bench.Windowed;

/// <summary>
/// The demo windowed pipeline end to end — generator data in the dev broker (separate process) →
/// the real silo host → window results committed — for each storage and guarantee, against one plain
/// Confluent.Kafka consumer reading the same input right before each run.
/// </summary>
internal sealed class WindowedBenchmark : IBenchmark
{
    private static readonly (string, string)[] Defaults =
    [
        ("records", "1000000"), ("keys", "10000"), ("skew", "1.0"), ("partitions", "8"), ("event-span", "30m"),
        ("storages", "Memory,Sqlite,PostgreSql"), ("guarantees", "AtLeastOnce,ExactlyOnce"), ("commit-interval", "1s"),
        ("limit", "10m"), ("postgres", ""),
    ];

    public string Name => "windowed";

    public string Description => "demo windowed pipeline records/s per storage and guarantee vs raw Confluent.Kafka consume";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (BenchOptions.Parse(args, Defaults) is not { } options)
        {
            return 2;
        }

        await Console.Error.WriteLineAsync($"options: {options.Line}");
        var partitions = options.Int("partitions");
        await using var broker = await BrokerProcess.StartAsync(cancellationToken);
        var ends = await FillAsync(broker.BootstrapServers, options);
        var records = ends.Sum();

        var rows = new List<(string Storage, string Guarantee, Measurement Raw, WindowedResult Windowed)>();
        foreach (var storage in options.List("storages"))
        {
            foreach (var guarantee in options.List("guarantees"))
            {
                var raw = RawConsume.Run(broker.BootstrapServers, DemoPipeline.InputTopic, partitions, records);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"raw consume: {raw.PerSecond:N0} records/s, {raw.PerCpuSecond:N0} records/CPU-s"));
                await using var state = await StorageUnderTest.CreateAsync(storage, PostgresScratch.Server(options.String("postgres")));
                string[] settings = [.. state.Settings, $"--Processing:Guarantee={guarantee}", $"--Processing:CommitInterval={options.String("commit-interval")}"];
                var label = $"{storage} {guarantee}";
                var result = await WindowedRun.RunAsync(broker.BootstrapServers, label, settings, ends, options.Duration("limit"), cancellationToken);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {result.Run.PerSecond:N0} records/s ({result.Run.Records:N0} in {result.Run.Elapsed.TotalSeconds:0.0} s{(result.Finished ? "" : ", NOT FINISHED")}), {result.Run.PerCpuSecond:N0} records/CPU-s, first 10% after {result.FirstTenth.TotalSeconds:0.0} s, {result.Results:N0} results, {result.DeadLettered:N0} dead-lettered, {result.Generations} generations → {result.Run.PerSecond / raw.PerSecond:0.000} of raw"));
                rows.Add((storage, guarantee, raw, result));
            }
        }

        Print(options, records, rows);
        return 0;
    }

    /// <summary>Creates the demo input topic and fills it with generator data; returns each partition's end offset.</summary>
    internal static async Task<long[]> FillAsync(string bootstrap, BenchOptions options)
    {
        var partitions = options.Int("partitions");
        await SensorInput.CreateTopicAsync(bootstrap, DemoPipeline.InputTopic, partitions);
        var generator = new GeneratorOptions { Keys = options.Int("keys"), Skew = options.Double("skew") };
        var rate = SensorInput.Produce(bootstrap, DemoPipeline.InputTopic, options.Int("records"), generator, options.Duration("event-span"));
        var ends = SensorInput.EndOffsets(bootstrap, DemoPipeline.InputTopic, partitions);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"input: {ends.Sum():N0} sensor readings over {generator.Keys:N0} keys (Zipf {generator.Skew}), {options.String("event-span")} of event time, {partitions} partitions; produced at {rate:N0}/s"));
        return ends;
    }

    private static void Print(BenchOptions options, long records, List<(string Storage, string Guarantee, Measurement Raw, WindowedResult Windowed)> rows)
    {
        Console.WriteLine($"options: {options.Line}");
        Console.WriteLine();
        Console.WriteLine("| storage | guarantee | raw consume records/s | windowed records/s | windowed ÷ raw | first 10% committed after | records/CPU-s (raw / windowed) | results | dead-lettered | generations |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (storage, guarantee, raw, windowed) in rows)
        {
            var rate = windowed.Finished ? $"{windowed.Run.PerSecond:N0}" : $"{windowed.Run.PerSecond:N0} (only {windowed.Run.Records:N0} of {records:N0} in {windowed.Run.Elapsed.TotalSeconds:0} s)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {storage} | {guarantee} | {raw.PerSecond:N0} | {rate} | {windowed.Run.PerSecond / raw.PerSecond:0.00} | {windowed.FirstTenth.TotalSeconds:0.0} s | {raw.PerCpuSecond:N0} / {windowed.Run.PerCpuSecond:N0} | {windowed.Results:N0} | {windowed.DeadLettered:N0} | {windowed.Generations} |"));
        }
    }
}
