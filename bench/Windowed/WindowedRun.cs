using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Windowed;

/// <summary>
/// Runs the windowed-count pipeline (<see cref="WindowedCountPipeline"/>: 1-minute tumbling windows,
/// 10 s grace, Count, <c>Final</c> emit unless <c>emit</c> says otherwise) on an in-process silo over input already in the topic, until the
/// committed offsets of its consumer group reach the end of every partition.
/// </summary>
internal static class WindowedRun
{
    public static async Task<WindowedResult> RunAsync(
        string bootstrap, string label, IEnumerable<string> extraSettings, long[] ends, TimeSpan limit, CancellationToken cancellationToken, EmitMode emit = EmitMode.Final)
    {
        var groupPrefix = $"bench-{Guid.NewGuid():N}";
        using var committed = new CommittedOffsets(bootstrap, $"{groupPrefix}.{WindowedCountPipeline.Name}", WindowedCountPipeline.InputTopic, ends.Length);
        var records = ends.Sum();
        string[] settings = [$"--OrleansStreams:Kafka:BootstrapServers={bootstrap}", $"--OrleansStreams:Kafka:GroupId={groupPrefix}", .. extraSettings];
        await using var silo = await InProcessSilo.StartAsync(settings, services => services.AddOrleansStreamsPipeline(WindowedCountPipeline.Create(emit)), cancellationToken);

        // Timed from the moment the silo is active and its ownership service is starting the agents.
        var cpu = CpuClock.Start();
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        var (done, finished) = (0L, false);
        TimeSpan? tenth = null;
        while (!finished && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(100, cancellationToken);
            (done, finished) = committed.Progress(ends);
            if (tenth is null && done * 10 >= records)
            {
                tenth = Stopwatch.GetElapsedTime(started);
            }
            if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(5))
            {
                lastReport = Stopwatch.GetTimestamp();
                var totals = silo.Totals();
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {label}: {done:N0} of {records:N0} committed, {totals.RecordsIn:N0} read, {totals.Results:N0} results after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s"));
            }
        }

        var run = new Measurement(done, Stopwatch.GetElapsedTime(started), cpu.Elapsed);
        var (_, results, dead, generations) = silo.Totals();
        return new WindowedResult(run, tenth ?? run.Elapsed, results, dead, generations, finished);
    }
}
