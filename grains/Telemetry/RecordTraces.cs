using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.Telemetry;

/// <summary>
/// Sampled per-record traces. A record is sampled when its offset is a multiple of
/// the silo's sampling (<c>Metrics:TraceEvery</c>) and something listens to the activity source: the partition agent
/// opens a <c>receive</c> span for it (continuing the trace of a <c>traceparent</c> header on the
/// input record), and the committer of its epoch closes it when the epoch commits, writing the
/// span's W3C trace context into the outputs the record caused. Offsets decide, so a replay
/// samples the same records. Spans are kept per silo; a committer on another silo than its agent
/// commits without them. One instance per silo, so silos in one process keep their own settings and spans.
/// </summary>
/// <param name="sampleEvery">Every how many offsets a record is traced; 0 traces none.</param>
internal sealed class RecordTraces(long sampleEvery)
{
    /// <summary>The activity source <c>OrleansStreams</c>: epoch commits, recoveries and sampled records.</summary>
    public static readonly ActivitySource Source = new(OrleansStreamsMetrics.Name);

    private const int MaxOpenPerPartition = 1_024;
    private readonly ConcurrentDictionary<(string Pipeline, int Partition), SortedList<long, Activity>> _open = new();

    /// <summary>Every how many offsets a record is traced; 0 traces none.</summary>
    public long SampleEvery => sampleEvery;

    /// <summary>Called by the partition agent for every record it reads, in offset order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Received(string pipeline, int partition, long offset, RecordHeader[]? headers)
    {
        if (sampleEvery > 0 && offset % sampleEvery == 0 && Source.HasListeners())
        {
            Start(pipeline, partition, offset, headers);
        }
    }

    /// <summary>Removes and returns the open spans of records in [<paramref name="start"/>, <paramref name="end"/>); spans below it were never committed and end as errors.</summary>
    public List<Activity>? Take(string pipeline, int partition, long start, long end)
    {
        if (!_open.TryGetValue((pipeline, partition), out var open))
        {
            return null;
        }

        List<Activity>? taken = null;
        lock (open)
        {
            while (open.Count > 0 && open.Keys[0] < end)
            {
                var offset = open.Keys[0];
                var activity = open.Values[0];
                open.RemoveAt(0);
                if (offset >= start)
                {
                    (taken ??= []).Add(activity);
                }
                else
                {
                    Stop(activity, ActivityStatusCode.Error, "not committed");
                }
            }
        }

        return taken;
    }

    /// <summary>The value of a <c>traceparent</c> header for <paramref name="activity"/>.</summary>
    public static byte[] TraceParent(Activity activity) =>
        Encoding.ASCII.GetBytes($"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{(activity.Recorded ? "01" : "00")}");

    /// <summary>Ends a span wherever it is, leaving <see cref="Activity.Current"/> as it was.</summary>
    public static void Stop(Activity activity, ActivityStatusCode status = ActivityStatusCode.Unset, string? description = null)
    {
        var current = Activity.Current;
        if (status != ActivityStatusCode.Unset)
        {
            activity.SetStatus(status, description);
        }

        activity.Stop();
        Activity.Current = current;
    }

    private void Start(string pipeline, int partition, long offset, RecordHeader[]? headers)
    {
        ActivityContext.TryParse(FindTraceParent(headers), null, isRemote: true, out var parent);
        var current = Activity.Current;
        var activity = Source.StartActivity("receive", ActivityKind.Consumer, parent, Tags(pipeline, partition, offset));
        Activity.Current = current;
        if (activity is null)
        {
            return;
        }

        var open = _open.GetOrAdd((pipeline, partition), static _ => []);
        lock (open)
        {
            // A replay after a recovery samples the same offset again: the earlier span never committed.
            if (open.Remove(offset, out var earlier))
            {
                Stop(earlier, ActivityStatusCode.Error, "replayed");
            }

            open.Add(offset, activity);
            if (open.Count > MaxOpenPerPartition)
            {
                Stop(open.Values[0], ActivityStatusCode.Error, "dropped");
                open.RemoveAt(0);
            }
        }
    }

    private static string? FindTraceParent(RecordHeader[]? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var header in headers)
        {
            if (header.Key == StreamHeaders.TraceParent && header.Value is { } value)
            {
                return Encoding.ASCII.GetString(value);
            }
        }

        return null;
    }

    private static KeyValuePair<string, object?>[] Tags(string pipeline, int partition, long offset) =>
    [
        new("orleansstreams.pipeline", pipeline),
        new("messaging.system", "kafka"),
        new("messaging.destination.partition.id", partition),
        new("messaging.kafka.offset", offset),
    ];
}
