using System.Globalization;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Ingest;
using OrleansStreams.Generation;

namespace OrleansStreams.Bench.Windowed;

/// <summary>
/// Windowed-count throughput (<see cref="WindowedCountPipeline"/>) end to end — generator data in the
/// dev broker (separate process) → the real silo host → window results committed — for each storage
/// and guarantee, against the ingest-only rate (<see cref="IngestRun"/>: the same input to a key grain
/// that only counts) and one plain Confluent.Kafka consumer, both measured right before each run.
/// </summary>
internal sealed class WindowedBenchmark : IBenchmark
{
    private static readonly (string, string)[] Defaults =
    [
        ("records", "1000000"), ("keys", "10000"), ("skew", "1.0"), ("partitions", "4"), ("event-span", "30m"),
        ("storages", "Memory,Sqlite,PostgreSql"), ("guarantees", "AtLeastOnce,ExactlyOnce"), ("commit-interval", "1s"),
        ("limit", "10m"), ("postgres", ""),
    ];

    public string Name => "windowed";

    public string Description => "windowed-count records/s per storage and guarantee vs the ingest-only rate (and raw consume)";

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

        var rows = new List<WindowedRow>();
        foreach (var storage in options.List("storages"))
        {
            foreach (var guarantee in options.List("guarantees"))
            {
                var raw = RawConsume.Run(broker.BootstrapServers, WindowedCountPipeline.InputTopic, partitions, records);
                var ingest = await IngestRun.RunAsync(broker.BootstrapServers, WindowedCountPipeline.InputTopic, "ingest-only", IngestRun.DefaultSettings, records, cancellationToken);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"raw consume: {raw.PerSecond:N0} records/s, {raw.PerCpuSecond:N0} records/CPU-s; ingest-only: {ingest.PerSecond:N0} records/s, {ingest.PerCpuSecond:N0} records/CPU-s"));
                await using var state = await StorageUnderTest.CreateAsync(storage, PostgresScratch.Server(options.String("postgres")));
                string[] settings = [.. state.Settings, $"--OrleansStreams:Processing:Guarantee={guarantee}", $"--OrleansStreams:Processing:CommitInterval={options.String("commit-interval")}"];
                var label = $"{storage} {guarantee}";
                var result = await WindowedRun.RunAsync(broker.BootstrapServers, label, settings, ends, options.Duration("limit"), cancellationToken);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {result.Run.PerSecond:N0} records/s ({result.Run.Records:N0} in {result.Run.Elapsed.TotalSeconds:0.0} s{(result.Finished ? "" : ", NOT FINISHED")}), {result.Run.PerCpuSecond:N0} records/CPU-s, first 10% after {result.FirstTenth.TotalSeconds:0.0} s, {result.Results:N0} results, {result.DeadLettered:N0} dead-lettered, {result.Generations} generations → {result.Run.PerSecond / ingest.PerSecond:0.000} of ingest-only, {result.Run.PerSecond / raw.PerSecond:0.000} of raw"));
                rows.Add(new WindowedRow(storage, guarantee, raw, ingest, result));
            }
        }

        Print(options, records, rows);
        return 0;
    }

    /// <summary>
    /// Creates the input topic and fills it with generator data (out of order and late shares as the
    /// generator's defaults, no unreadable records, so the ingest-only run counts every record);
    /// returns each partition's end offset.
    /// </summary>
    internal static async Task<long[]> FillAsync(string bootstrap, BenchOptions options)
    {
        var partitions = options.Int("partitions");
        await SensorInput.CreateTopicAsync(bootstrap, WindowedCountPipeline.InputTopic, partitions);
        var generator = new GeneratorOptions { Keys = options.Int("keys"), Skew = options.Double("skew"), UnreadableShare = 0 };
        var rate = SensorInput.Produce(bootstrap, WindowedCountPipeline.InputTopic, options.Int("records"), generator, options.Duration("event-span"));
        var ends = SensorInput.EndOffsets(bootstrap, WindowedCountPipeline.InputTopic, partitions);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"input: {ends.Sum():N0} sensor readings over {generator.Keys:N0} keys (Zipf {generator.Skew}), {options.String("event-span")} of event time, {partitions} partitions ({string.Join(' ', ends)}); produced at {rate:N0}/s"));
        return ends;
    }

    private static void Print(BenchOptions options, long records, List<WindowedRow> rows)
    {
        Console.WriteLine($"options: {options.Line}");
        Console.WriteLine();
        Console.WriteLine("| storage | guarantee | ingest-only records/s | windowed records/s | windowed ÷ ingest-only | raw consume records/s | windowed ÷ raw | records/CPU-s (ingest-only / windowed) | first 10% committed after | results | generations |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (storage, guarantee, raw, ingest, windowed) in rows)
        {
            var rate = windowed.Finished ? $"{windowed.Run.PerSecond:N0}" : $"{windowed.Run.PerSecond:N0} (only {windowed.Run.Records:N0} of {records:N0} in {windowed.Run.Elapsed.TotalSeconds:0} s)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {storage} | {guarantee} | {ingest.PerSecond:N0} | {rate} | {windowed.Run.PerSecond / ingest.PerSecond:0.00} | {raw.PerSecond:N0} | {windowed.Run.PerSecond / raw.PerSecond:0.00} | {ingest.PerCpuSecond:N0} / {windowed.Run.PerCpuSecond:N0} | {windowed.FirstTenth.TotalSeconds:0.0} s | {windowed.Results:N0} | {windowed.Generations} |"));
        }

        var ratios = rows.Select(r => r.Windowed.Run.PerSecond / r.Ingest.PerSecond).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"windowed ÷ ingest-only: {ratios.Min():0.00}–{ratios.Max():0.00}"));
    }

    private readonly record struct WindowedRow(string Storage, string Guarantee, Measurement Raw, Measurement Ingest, WindowedResult Windowed);
}
