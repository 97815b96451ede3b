using System.Diagnostics;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.Telemetry;

/// <summary>
/// Metrics and the <c>epoch commit</c> span of one epoch, from the committer receiving its plan
/// to the commit (or the failure). The span links to the sampled records of the epoch, which end
/// with it.
/// </summary>
internal sealed class EpochTelemetry
{
    private readonly OrleansStreamsMetrics _metrics;
    private readonly TagList _tags;
    private readonly long _startedAt;
    private readonly Activity? _span;
    private readonly List<Activity>? _records;
    private readonly long _recordsStart;

    public EpochTelemetry(OrleansStreamsMetrics metrics, string pipeline, int partition, EpochPlan plan)
    {
        _metrics = metrics;
        _tags = OrleansStreamsMetrics.Tags(pipeline, partition);
        _startedAt = metrics.Time.GetTimestamp();
        _recordsStart = plan.StartOffset;
        _records = metrics.Traces.Take(pipeline, partition, plan.StartOffset, plan.EndOffset);
        if (RecordTraces.Source.HasListeners())
        {
            var links = _records?.Select(static r => new ActivityLink(r.Context));
            _span = RecordTraces.Source.StartActivity(ActivityKind.Internal, tags: null, links: links, name: "epoch commit");
            _span?.SetTag("orleansstreams.pipeline", pipeline)
                .SetTag("messaging.destination.partition.id", partition)
                .SetTag("orleansstreams.epoch", plan.Epoch)
                .SetTag("orleansstreams.generation", plan.Generation)
                .SetTag("orleansstreams.start_offset", plan.StartOffset)
                .SetTag("orleansstreams.end_offset", plan.EndOffset)
                .SetTag("orleansstreams.flushed_keys", plan.FlushKeys.Length);
        }
    }

    /// <summary>Writes the trace context of each sampled record into the outputs it caused (sorted by causing offset).</summary>
    public void TraceOutputs(List<OutputRecord> outputs)
    {
        if (_records is null)
        {
            return;
        }

        var next = 0;
        for (var i = 0; i < outputs.Count && next < _records.Count; i++)
        {
            var output = outputs[i];
            while (next < _records.Count && Offset(_records[next]) < output.CausingOffset)
            {
                next++;
            }

            if (next < _records.Count && Offset(_records[next]) == output.CausingOffset)
            {
                var header = new RecordHeader(StreamHeaders.TraceParent, RecordTraces.TraceParent(_records[next]));
                outputs[i] = output with { Headers = output.Headers is null ? [header] : [.. output.Headers, header] };
            }
        }
    }

    /// <summary>The epoch committed with these outputs.</summary>
    public void Committed(List<OutputRecord> outputs, int flushedKeys, long stateBytes)
    {
        long results = 0, late = 0, dead = 0;
        var now = _metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var latency = _metrics.Latency.Enabled;
        foreach (var output in outputs)
        {
            switch (output.Kind)
            {
                case OutputKind.Result:
                    results++;
                    if (latency)
                    {
                        // A result's timestamp is the last millisecond of its window.
                        _metrics.Latency.Record(Math.Max(0, now - output.Timestamp - 1) / 1000.0, _tags);
                    }

                    break;
                case OutputKind.Late:
                    late++;
                    break;
                default:
                    dead++;
                    break;
            }
        }

        Add(_metrics.ResultsOut, results);
        Add(_metrics.Late, late);
        Add(_metrics.DeadLettered, dead);
        _metrics.Commits.Add(1, _tags);
        _metrics.StateWritten.Add(stateBytes, _tags);
        _metrics.FlushedKeys.Record(flushedKeys, _tags);
        _metrics.EpochDuration.Record(_metrics.Time.GetElapsedTime(_startedAt).TotalSeconds, _tags);
        _span?.SetTag("orleansstreams.outputs", outputs.Count);
        End(ActivityStatusCode.Ok, null);
    }

    /// <summary>The epoch did not commit.</summary>
    public void Aborted(Exception error)
    {
        _metrics.Aborts.Add(1, _tags);
        _span?.AddException(error);
        End(ActivityStatusCode.Error, "not committed");
    }

    private static long Offset(Activity record) => record.GetTagItem("messaging.kafka.offset") is long offset ? offset : -1;

    private void Add(System.Diagnostics.Metrics.Counter<long> counter, long n)
    {
        if (n > 0)
        {
            counter.Add(n, _tags);
        }
    }

    private void End(ActivityStatusCode status, string? description)
    {
        foreach (var record in _records ?? [])
        {
            RecordTraces.Stop(record, status, description);
        }

        if (_span is not null)
        {
            RecordTraces.Stop(_span, status, description);
        }
    }
}
