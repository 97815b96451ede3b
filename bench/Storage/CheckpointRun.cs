using System.Diagnostics;
using OrleansStreams.Grains.State;

namespace OrleansStreams.Bench.Storage;

/// <summary>What writing and loading one partition's checkpoints measured.</summary>
/// <param name="Rows">Rows per checkpoint.</param>
/// <param name="FirstPerSecond">Rows/s of the first checkpoint (every key new: inserts).</param>
/// <param name="RewritePerSecond">Median rows/s of the later checkpoints (the same keys again: current becomes previous).</param>
/// <param name="LoadPerSecond">Rows/s of loading the partition back.</param>
/// <param name="AverageRowBytes">Mean data bytes per row.</param>
/// <param name="SmallMilliseconds">Median ms of a small checkpoint (<c>smallRows</c> rows) written into the full partition afterwards.</param>
internal sealed record CheckpointResult(int Rows, double FirstPerSecond, double RewritePerSecond, double LoadPerSecond, double AverageRowBytes, double SmallMilliseconds);

/// <summary>
/// One partition, a fresh pipeline: <c>checkpoints</c> checkpoints of the same <c>rows</c> keys, each
/// row with new random data of <c>minBytes</c>–<c>maxBytes</c> bytes (built before the clock starts),
/// then one full load, then <c>smallCheckpoints</c> checkpoints of <c>smallRows</c> keys each into the
/// same, full partition (an epoch that changed few keys). Only the store calls are timed.
/// </summary>
internal static class CheckpointRun
{
    public static async Task<CheckpointResult> RunAsync(
        IKeyStateStore store, int rows, int checkpoints, int minBytes, int maxBytes, int smallRows, int smallCheckpoints, CancellationToken cancellationToken)
    {
        var pipeline = $"bench-{rows}-{Guid.NewGuid():N}";
        var generation = await store.BeginGenerationAsync(pipeline, 0, cancellationToken);
        var random = new Random(rows);
        var keys = Enumerable.Range(0, rows).Select(i => $"sensor-{i:D7}").ToArray();
        var rates = new List<double>();
        long bytes = 0;
        for (var checkpoint = 1; checkpoint <= checkpoints; checkpoint++)
        {
            var batch = new KeyStateRow[rows];
            for (var i = 0; i < rows; i++)
            {
                var data = new byte[random.Next(minBytes, maxBytes + 1)];
                random.NextBytes(data);
                batch[i] = new KeyStateRow(keys[i], data);
                bytes += data.Length;
            }

            var started = Stopwatch.GetTimestamp();
            var result = await store.WriteCheckpointAsync(pipeline, 0, generation, checkpoint, batch, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (result.Foreign.Count != 0)
            {
                throw new InvalidOperationException($"{result.Foreign.Count} rows refused as foreign");
            }

            rates.Add(rows / elapsed.TotalSeconds);
            await Console.Error.WriteLineAsync($"  {rows:N0} rows, checkpoint {checkpoint}: {elapsed.TotalMilliseconds:N0} ms, {rows / elapsed.TotalSeconds:N0} rows/s, {result.BytesWritten / elapsed.TotalSeconds / 1e6:0.0} MB/s");
        }

        var loadStarted = Stopwatch.GetTimestamp();
        var loaded = 0;
        await foreach (var row in store.LoadAsync(pipeline, 0, cancellationToken))
        {
            loaded += row.IsDeletion ? 0 : 1;
        }

        var load = Stopwatch.GetElapsedTime(loadStarted);
        if (loaded != rows)
        {
            throw new InvalidOperationException($"loaded {loaded} rows of {rows}");
        }

        await Console.Error.WriteLineAsync($"  {rows:N0} rows loaded in {load.TotalMilliseconds:N0} ms, {rows / load.TotalSeconds:N0} rows/s");

        var small = new List<double>();
        for (var i = 0; i < smallCheckpoints; i++)
        {
            var batch = new KeyStateRow[Math.Min(smallRows, rows)];
            for (var k = 0; k < batch.Length; k++)
            {
                var data = new byte[random.Next(minBytes, maxBytes + 1)];
                random.NextBytes(data);
                batch[k] = new KeyStateRow(keys[((i * batch.Length) + k) % rows], data);
            }

            var started = Stopwatch.GetTimestamp();
            await store.WriteCheckpointAsync(pipeline, 0, generation, checkpoints + 1 + i, batch, cancellationToken);
            small.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var smallMedian = Harness.Measurement.Median(small);
        await Console.Error.WriteLineAsync($"  {smallCheckpoints} checkpoints of {smallRows:N0} rows into the full partition: median {smallMedian:0.0} ms");
        return new CheckpointResult(rows, rates[0], Harness.Measurement.Median(rates.Skip(1)), rows / load.TotalSeconds, (double)bytes / rows / checkpoints, smallMedian);
    }
}
