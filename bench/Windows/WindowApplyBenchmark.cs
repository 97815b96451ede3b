using System.Diagnostics;
using OrleansStreams.Aggregation;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Windows;

/// <summary>
/// Nanoseconds per <c>WindowEngine.Apply</c> for one key, per window kind and emit mode, with
/// the stats aggregator, 10 ms between records, half of them 15 ms out of order, and
/// <c>CloseDue</c> + <c>TakeOutputs</c> every 100 records as an epoch would.
/// </summary>
internal sealed class WindowApplyBenchmark : IBenchmark
{
    private const int Records = 1_000_000;

    public string Name => "window-apply";

    public string Description => "window engine: ns per applied record, per window kind and emit mode";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var specs = new (string Name, WindowSpec Spec)[]
        {
            ("tumbling 1m", WindowSpec.Tumbling(TimeSpan.FromMinutes(1))),
            ("hopping 5m/1m", WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1))),
            ("sliding 1s", WindowSpec.Sliding(TimeSpan.FromSeconds(1))),
            ("session 30s", WindowSpec.Session(TimeSpan.FromSeconds(30))),
        };
        Console.WriteLine($"{"windows",-16} {"emit",-9} {"ns/record",10} {"alloc B/record",15}");
        foreach (var (name, spec) in specs)
        {
            foreach (var emitMode in new[] { EmitMode.Final, EmitMode.OnUpdate })
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(spec, emitMode, 0); // warm-up
                var before = GC.GetAllocatedBytesForCurrentThread();
                var elapsed = Run(spec, emitMode, 100_000_000_000);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Console.WriteLine($"{name,-16} {emitMode,-9} {elapsed.TotalNanoseconds / Records,10:0.0} {(double)allocated / Records,15:0.00}");
            }
        }

        return Task.FromResult(0);
    }

    private static TimeSpan Run(WindowSpec spec, EmitMode emitMode, long from)
    {
        var engine = new WindowEngine<double, StatsAccumulator, WindowStats>(spec.WithGrace(TimeSpan.FromSeconds(1)), emitMode, Aggregators.Stats);
        var outputs = new List<WindowOutput<WindowStats>>(256);
        var streamTime = long.MinValue;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0L; i < Records; i++)
        {
            var time = from + (i * 10) - (i % 2 * 15);
            streamTime = Math.Max(streamTime, time);
            engine.Apply(time, streamTime, from + i, i % 13);
            if (i % 100 == 99)
            {
                engine.CloseDue(streamTime);
                outputs.Clear();
                engine.TakeOutputs(from + i + 1, outputs);
            }
        }

        return Stopwatch.GetElapsedTime(start);
    }
}
