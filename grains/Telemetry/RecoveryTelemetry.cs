using System.Diagnostics;

namespace OrleansStreams.Grains.Telemetry;

/// <summary>
/// The <c>recovery</c> span of one committer generation — fencing older producers, reading the
/// committed epoch and offset — and the generation counter. Disposing without
/// <see cref="Begun"/> marks the span failed.
/// </summary>
internal sealed class RecoveryTelemetry : IDisposable
{
    private readonly OrleansStreamsMetrics _metrics;
    private readonly TagList _tags;
    private readonly Activity? _span;
    private bool _begun;

    public RecoveryTelemetry(OrleansStreamsMetrics metrics, string pipeline, int partition)
    {
        _metrics = metrics;
        _tags = OrleansStreamsMetrics.Tags(pipeline, partition);
        _span = RecordTraces.Source.HasListeners() ? RecordTraces.Source.StartActivity("recovery") : null;
        _span?.SetTag("orleansstreams.pipeline", pipeline).SetTag("messaging.destination.partition.id", partition);
    }

    /// <summary>The generation began at the committed epoch and offset.</summary>
    public void Begun(long generation, long committedEpoch, long startOffset)
    {
        _begun = true;
        _metrics.Generations.Add(1, _tags);

        // Every series of the partition exists from its first generation on, so rates and sums over it are 0, not empty.
        foreach (var counter in (ReadOnlySpan<System.Diagnostics.Metrics.Counter<long>>)[_metrics.Commits, _metrics.Aborts, _metrics.ResultsOut, _metrics.Late, _metrics.DeadLettered, _metrics.StateWritten])
        {
            counter.Add(0, _tags);
        }

        _span?.SetTag("orleansstreams.generation", generation)
            .SetTag("orleansstreams.committed_epoch", committedEpoch)
            .SetTag("orleansstreams.start_offset", startOffset)
            .SetStatus(ActivityStatusCode.Ok);
    }

    public void Dispose()
    {
        if (_span is not null)
        {
            if (!_begun)
            {
                _span.SetStatus(ActivityStatusCode.Error, "generation did not begin");
            }

            RecordTraces.Stop(_span);
        }
    }
}
