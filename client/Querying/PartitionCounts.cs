using System.Collections.Concurrent;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// How many partitions each pipeline has, from the partitions' status reports, cached for a while:
/// a fan-out needs it, and it changes only when partitions are added to the input topic.
/// </summary>
internal sealed class PartitionCounts(IQueryTransport transport, TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (int Count, DateTimeOffset At)> _counts = new(StringComparer.Ordinal);

    /// <summary>The count, or why it is not known (no report yet, or the status call failed or took longer than <paramref name="timeout"/>).</summary>
    public async Task<(int Count, string? Problem)> GetAsync(string pipeline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_counts.TryGetValue(pipeline, out var cached) && time.GetUtcNow() - cached.At < FreshFor)
        {
            return (cached.Count, null);
        }

        try
        {
            var reports = await transport.GetStatus(pipeline).WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            var count = Remember(pipeline, reports);
            return count > 0 ? (count, null) : (0, "no partition has reported its status yet");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, $"its partition count is unknown: the status call failed ({CallFailures.Describe(e)})");
        }
    }

    /// <summary>Keeps the count the reports give, if any, and returns it (0 without reports).</summary>
    public int Remember(string pipeline, IEnumerable<PartitionStatus> reports)
    {
        var count = reports.Select(r => r.PartitionCount).DefaultIfEmpty(0).Max();
        if (count > 0)
        {
            _counts[pipeline] = (count, time.GetUtcNow());
        }

        return count;
    }
}
