using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using OrleansStreams.Aggregation;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Windows;

/// <summary>
/// Size and encode+decode time of the window engine's binary snapshot against System.Text.Json
/// (source-generated) of the same state, for typical and large per-key states with the stats
/// aggregator. Both sides start from the live state and end with a restored state.
/// </summary>
internal sealed class SnapshotEncodingBenchmark : IBenchmark
{
    private const long Now = 1_764_000_000_000;

    public string Name => "snapshot-encoding";

    public string Description => "window snapshot: binary codec vs System.Text.Json (size, encode+decode time)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var quick = args.Contains("--quick");
        var measureFor = TimeSpan.FromMilliseconds(quick ? 200 : 1_000);
        // A first pass brings every code path to optimized code before anything is measured.
        Console.Error.WriteLine("warming up");
        foreach (var (_, engine) in Scenarios())
        {
            Measure(engine, measureFor / 4);
        }

        Console.WriteLine($"{"state",-44} {"binary B",9} {"json B",8} {"size",6} {"binary ns",10} {"json ns",9} {"speed",6} {"bin alloc B",12} {"json alloc B",13}");
        foreach (var (name, engine) in Scenarios())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Console.Error.WriteLine($"measuring {name}");
            var result = Measure(engine, measureFor);
            Console.WriteLine(
                $"{name,-44} {result.BinaryBytes,9} {result.JsonBytes,8} {(double)result.JsonBytes / result.BinaryBytes,5:0.0}x " +
                $"{result.BinaryNs,10:0} {result.JsonNs,9:0} {result.JsonNs / result.BinaryNs,5:0.0}x {result.BinaryAlloc,12:0} {result.JsonAlloc,13:0}");
        }

        return Task.FromResult(0);
    }

    private static Result Measure(WindowEngine<double, StatsAccumulator, WindowStats> engine, TimeSpan measureFor)
    {
        var codec = new WindowSnapshotCodec<StatsAccumulator>(engine.Spec, engine.EmitMode, Aggregators.Stats.AccumulatorSerde);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer);
        var typeInfo = SnapshotJsonContext.Default.JsonWindowSnapshot;

        void Binary()
        {
            buffer.ResetWrittenCount();
            engine.WriteSnapshot(buffer);
            engine.RestoreSnapshot(buffer.WrittenSpan);
        }

        void Json()
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            JsonSerializer.Serialize(json, JsonWindowSnapshot.From(engine.State), typeInfo);
            _ = JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo)!.ToState();
        }

        // Sizes, and a check that the JSON carries exactly the state the binary snapshot does.
        buffer.ResetWrittenCount();
        engine.WriteSnapshot(buffer);
        var binary = buffer.WrittenSpan.ToArray();
        Json();
        var jsonBytes = buffer.WrittenCount;
        var fromJson = JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo)!.ToState();
        buffer.ResetWrittenCount();
        codec.Write(fromJson, buffer);
        if (!buffer.WrittenSpan.SequenceEqual(binary))
        {
            throw new InvalidOperationException("The JSON round trip lost state.");
        }

        var (binaryNs, binaryAlloc) = Time(Binary, measureFor);
        var (jsonNs, jsonAlloc) = Time(Json, measureFor);
        return new Result(binary.Length, jsonBytes, binaryNs, jsonNs, binaryAlloc, jsonAlloc);
    }

    /// <summary>
    /// Median nanoseconds per call over five rounds, and bytes allocated per call, after running
    /// the action long enough for tiered compilation to reach optimized code.
    /// </summary>
    private static (double Ns, double Alloc) Time(Action action, TimeSpan measureFor)
    {
        var calls = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < measureFor || calls < 1_000)
        {
            action();
            calls++;
        }

        var perRound = (int)Math.Clamp(calls / 5, 1, int.MaxValue);
        var rounds = new double[5];
        var allocated = 0L;
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perRound; i++)
            {
                action();
            }

            rounds[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / perRound;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(rounds);
        return (rounds[2], (double)allocated / (perRound * rounds.Length));
    }

    private static IEnumerable<(string Name, WindowEngine<double, StatsAccumulator, WindowStats> Engine)> Scenarios()
    {
        var minute = TimeSpan.FromMinutes(1);

        // A typical key: one-minute windows, 30 s grace, the current and the previous window open.
        var tumbling = Engine(WindowSpec.Tumbling(minute).WithGrace(TimeSpan.FromSeconds(30)), EmitMode.Final);
        Feed(tumbling, Now - 20_000, 40, step: 1_000);
        yield return ("tumbling 1m, final, 2 open windows", tumbling);

        var onUpdate = Engine(WindowSpec.Tumbling(minute).WithGrace(TimeSpan.FromSeconds(30)), EmitMode.OnUpdate);
        Feed(onUpdate, Now - 20_000, 40, step: 1_000);
        TakeBelow(onUpdate, onUpdate.LastOffset - 4);
        yield return ("tumbling 1m, on-update, 2 windows + 5 updates", onUpdate);

        var hopping = Engine(WindowSpec.Hopping(TimeSpan.FromMinutes(5), minute), EmitMode.Final);
        Feed(hopping, Now - 30_000, 60, step: 1_000);
        yield return ("hopping 5m/1m, final, 6 open windows", hopping);

        var session = Engine(WindowSpec.Session(TimeSpan.FromSeconds(30)).WithGrace(TimeSpan.FromMinutes(2)), EmitMode.Final);
        for (var burst = 0; burst < 3; burst++)
        {
            Feed(session, Now + (burst * 60_000), 10, step: 1_000);
        }

        yield return ("session 30s gap, final, 3 sessions", session);

        var sliding = Engine(WindowSpec.Sliding(TimeSpan.FromSeconds(10)), EmitMode.Final);
        Feed(sliding, Now, 20, step: 700);
        yield return ($"sliding 10s, final, {sliding.WindowCount} windows + panes", sliding);

        var retained = Engine(WindowSpec.Tumbling(minute).WithRetention(TimeSpan.FromHours(1)), EmitMode.Final);
        Feed(retained, Now - 3_600_000, 60, step: 60_000);
        retained.CloseDue(Now);
        TakeBelow(retained, long.MaxValue);
        yield return ($"tumbling 1m, 1h retention, {retained.WindowCount} closed windows", retained);
    }

    private static WindowEngine<double, StatsAccumulator, WindowStats> Engine(WindowSpec spec, EmitMode emitMode) =>
        new(spec, emitMode, Aggregators.Stats);

    private static void Feed(WindowEngine<double, StatsAccumulator, WindowStats> engine, long from, int count, long step)
    {
        var offset = Math.Max(engine.LastOffset + 1, 12_345_678);
        for (var i = 0; i < count; i++)
        {
            var time = from + (i * step);
            engine.Apply(time, Math.Max(time, engine.StreamTime), offset + i, 20 + (i % 7 * 1.25));
        }
    }

    private static void TakeBelow(WindowEngine<double, StatsAccumulator, WindowStats> engine, long bound) =>
        engine.TakeOutputs(bound, []);

    private sealed record Result(int BinaryBytes, int JsonBytes, double BinaryNs, double JsonNs, double BinaryAlloc, double JsonAlloc);
}
