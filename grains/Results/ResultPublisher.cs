using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Queries;

namespace OrleansStreams.Grains.Results;

/// <summary>
/// Publishes the results of one input partition's committed epochs on its results stream (see
/// <see cref="ResultStreams"/>), in batches. Runs only after the epoch's transaction committed, and
/// never fails the epoch: results are on the output topic whatever happens here, and a subscriber
/// that missed some reads the current state with a point query. A publish that takes longer than
/// <see cref="Timeout"/> is left to finish on its own, so a stream that is unavailable slows no epoch for long.
/// </summary>
/// <param name="publish">Publishes one batch (the stream's <c>OnNextBatchAsync</c>).</param>
/// <param name="partition">The input partition whose results these are.</param>
/// <param name="committer">The committer's grain id, for the log.</param>
/// <param name="time">The clock of the timeout and of the log's interval.</param>
/// <param name="logger">Where failures are reported.</param>
internal sealed class ResultPublisher(Func<List<PublishedResult>, Task> publish, int partition, string committer, TimeProvider time, ILogger logger)
{
    /// <summary>Results per published batch: one stream message each.</summary>
    public const int BatchSize = 1_000;

    /// <summary>How long the committer waits for one epoch's results to be published.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly ErrorLogThrottle _failures = new(TimeSpan.FromSeconds(30), time);

    /// <summary>Publishes the results among <paramref name="outputs"/>, which it reads only before it returns.</summary>
    public async Task PublishAsync(long epoch, IReadOnlyList<OutputRecord> outputs)
    {
        var batches = Batches(epoch, outputs);
        if (batches.Count == 0)
        {
            return;
        }

        try
        {
            await Publish(batches).WaitAsync(Timeout, time);
        }
        catch (Exception e)
        {
            Failed(epoch, e);
        }
    }

    /// <summary>
    /// The result an output record of a windowed pipeline carries: its key is <c>key@start</c> in
    /// UTF-8, its timestamp the window's last millisecond; a final result carries its close time.
    /// </summary>
    /// <returns>The result, or <see langword="null"/> when the record is not a window result.</returns>
    internal static PublishedResult? ToResult(in OutputRecord output, int partition, long epoch)
    {
        if (output.Kind != OutputKind.Result || output.Key is not { } key)
        {
            return null;
        }

        var at = key.AsSpan().LastIndexOf((byte)'@');
        if (at < 0 || !Utf8Parser.TryParse(key.AsSpan(at + 1), out long start, out var consumed) || consumed != key.Length - at - 1)
        {
            return null;
        }

        return new PublishedResult(Encoding.UTF8.GetString(key, 0, at), start, output.Timestamp + 1, output.CloseTime >= 0, output.Value, partition, epoch, output.CausingOffset);
    }

    private List<List<PublishedResult>> Batches(long epoch, IReadOnlyList<OutputRecord> outputs)
    {
        var batches = new List<List<PublishedResult>>();
        for (var i = 0; i < outputs.Count; i++)
        {
            if (ToResult(outputs[i], partition, epoch) is not { } result)
            {
                continue;
            }

            if (batches.Count == 0 || batches[^1].Count == BatchSize)
            {
                batches.Add(new List<PublishedResult>(Math.Min(BatchSize, outputs.Count - i)));
            }

            batches[^1].Add(result);
        }

        return batches;
    }

    private async Task Publish(List<List<PublishedResult>> batches)
    {
        foreach (var batch in batches)
        {
            await publish(batch);
        }
    }

    private void Failed(long epoch, Exception exception)
    {
        if (_failures.ShouldLog("publish", out var suppressed))
        {
            ResultsLog.PublishFailed(logger, committer, epoch, suppressed + 1, exception.GetType().Name, exception.Message);
        }
    }
}
