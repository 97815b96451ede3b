using System.Diagnostics;

namespace OrleansStreams.Bench.Storage;

/// <summary>What one measured run of concurrent writers did.</summary>
internal sealed record WriteResult(long Writes, long Errors, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double PerSecond => Writes / Elapsed.TotalSeconds;
}

/// <summary>
/// Runs <c>writers</c> concurrent loops, each writing one key (one grain) over and over, first for a
/// warm-up (not counted), then for the measured duration.
/// </summary>
internal static class WriteLoop
{
    public static async Task<WriteResult> RunAsync(
        int writers, TimeSpan warmup, TimeSpan duration, Func<int, Func<Task>> createWriter, CancellationToken cancellationToken)
    {
        var write = Enumerable.Range(0, writers).Select(createWriter).ToArray();
        await RunPhaseAsync(write, warmup, null, cancellationToken);
        var latencies = new List<double>[writers];
        var (writes, errors, elapsed) = await RunPhaseAsync(write, duration, latencies, cancellationToken);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new WriteResult(writes, errors, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<(long Writes, long Errors, TimeSpan Elapsed)> RunPhaseAsync(
        Func<Task>[] write, TimeSpan duration, List<double>[]? latencies, CancellationToken cancellationToken)
    {
        long writes = 0;
        long errors = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(write.Select((w, i) => Task.Run(async () =>
        {
            var mine = latencies is null ? null : latencies[i] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var before = Stopwatch.GetTimestamp();
                try
                {
                    await w();
                    Interlocked.Increment(ref writes);
                    mine?.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                    {
                        await Console.Error.WriteLineAsync($"  write error: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }, CancellationToken.None)));
        return (writes, errors, Stopwatch.GetElapsedTime(started));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
