using System.Globalization;
using System.Text;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Windowed;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Windows;

/// <summary>
/// Managed memory one partition's window state holds per key, for the windowed-count pipeline
/// (1-minute tumbling windows, 10 s grace), measured with full collections between phases:
/// every key's first record (one open window), the epoch's flush and commit; then a record per key in
/// the next minute (the first window closes and stays retained, a second one opens), flush and commit.
/// The baseline, measured the same way in the same run: the least a per-key windowed count holds as
/// .NET objects — a dictionary from the key's string to an array of (start, count) per window.
/// What a silo holds beyond this (the input's chunks, outputs in flight, garbage between collections)
/// is the peer benchmark's peak RSS.
/// </summary>
internal sealed class StateMemoryBenchmark : IBenchmark
{
    private const long Start = 1_764_000_000_000;
    private const int BatchRecords = 500;

    private static readonly (string, string)[] Defaults = [("keys", "1000000"), ("modes", "Final,OnUpdate")];

    public string Name => "state-memory";

    public string Description => "window state: managed bytes held per key by one partition's state";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (BenchOptions.Parse(args, Defaults) is not { } options)
        {
            return Task.FromResult(2);
        }

        Console.Error.WriteLine($"options: {options.Line}");
        var keys = options.Int("keys");
        var names = Enumerable.Range(0, keys).Select(i => string.Create(CultureInfo.InvariantCulture, $"sensor-{i:D7}")).ToArray();
        var floor1 = Baseline(names, windows: 1);
        var floor2 = Baseline(names, windows: 2);
        Console.WriteLine("| emit | keys | bytes/key, one open window | ÷ baseline | bytes/key, one retained + one open window | ÷ baseline |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var mode in options.List("modes"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var emit = Enum.Parse<EmitMode>(mode);
            var pipeline = (WindowedPipelineDefinition)WindowedCountPipeline.Create(emit);
            var baseline = Settled();
            var state = PartitionStates.Create(pipeline, 0);
            var run = new Run(state, names);
            run.Epoch(minute: 0);
            var first = (Settled() - baseline) / (double)keys;
            Console.Error.WriteLine($"{mode}: first minute applied to {state.KeyCount:N0} keys");
            run.Epoch(minute: 1);
            var second = (Settled() - baseline) / (double)keys;
            Console.Error.WriteLine($"{mode}: second minute applied, {state.KeyCount:N0} keys held");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {mode} | {keys:N0} | {first:N0} | {first / floor1:0.0} | {second:N0} | {second / floor2:0.0} |"));
            GC.KeepAlive(state);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline | {keys:N0} | {floor1:N0} | 1.0 | {floor2:N0} | 1.0 |"));
        return Task.FromResult(0);
    }

    /// <summary>Bytes per key of <c>Dictionary&lt;string, (long Start, long Count)[]&gt;</c> with <paramref name="windows"/> windows per key.</summary>
    private static double Baseline(string[] names, int windows)
    {
        var before = Settled();
        var floor = new Dictionary<string, (long Start, long Count)[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var slots = new (long Start, long Count)[windows];
            for (var w = 0; w < windows; w++)
            {
                slots[w] = (Start + (w * 60_000L), 1);
            }

            floor[new string(name.AsSpan())] = slots;
        }

        var bytes = (Settled() - before) / (double)names.Length;
        GC.KeepAlive(floor);
        return bytes;
    }

    private static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Feeds every key one record per minute of event time, epoch by epoch, as the agent would.</summary>
    private sealed class Run(IPartitionState state, string[] keys)
    {
        private static readonly byte[] Value = Encoding.UTF8.GetBytes("{\"value\": 1.5}");
        private static readonly Dictionary<string, int> NoForeignKeys = [];
        private readonly List<OutputRecord> _outputs = [];
        private readonly CheckpointRows _rows = new();
        private long _offset;

        public void Epoch(int minute)
        {
            var epoch = minute + 1;
            var records = new StreamRecord[BatchRecords];
            var decoded = new string[BatchRecords];
            var streamTime = long.MinValue;
            for (var from = 0; from < keys.Length; from += BatchRecords)
            {
                var count = Math.Min(BatchRecords, keys.Length - from);
                for (var i = 0; i < count; i++)
                {
                    // Spread over the minute, so the minute's window of every key is open when it ends.
                    var time = Start + (minute * 60_000L) + ((from + i) * 50_000L / keys.Length);
                    streamTime = Math.Max(streamTime, time);
                    var key = Encoding.UTF8.GetBytes(keys[from + i]);
                    records[i] = new StreamRecord(_offset++, time, time, streamTime, key, Value, null);
                    decoded[i] = Encoding.UTF8.GetString(key); // as the router decodes it: the state keeps its own string
                }

                state.Apply(records.AsSpan(0, count), decoded.AsSpan(0, count), NoForeignKeys, epoch, imageFrom: 0);
            }

            state.Flush(streamTime, _offset, checkpoint: true, _outputs, _rows);
            state.Committed(epoch);
            _outputs.Clear();
            _rows.Clear();
        }
    }
}
