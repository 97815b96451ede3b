using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansStreams.Grains.Telemetry;

/// <summary>
/// Every instrument of the meter <c>OrleansStreams</c>, tagged with <c>pipeline</c> and
/// <c>partition</c>. Partition agents are read when the metrics are collected (no cost per
/// record); committers record once per epoch through <see cref="StartEpoch"/> and once per
/// generation through <see cref="StartRecovery"/>.
/// </summary>
internal sealed class OrleansStreamsMetrics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "OrleansStreams";

    /// <summary>This silo's sampled per-record traces.</summary>
    public RecordTraces Traces { get; }

    private static readonly double[] LatencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300, 600, 1800, 3600];
    private static readonly double[] EpochBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60];
    private static readonly long[] KeyBuckets = [0, 1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];

    public OrleansStreamsMetrics(IMeterFactory meters, TimeProvider time, IPartitionProgress? progress = null, RecordTraces? traces = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Time = time;
        Traces = traces ?? new RecordTraces(0);
        var meter = meters.Create(Name);
        ResultsOut = meter.CreateCounter<long>("orleansstreams.results.out", "{record}", "Window results committed to the output topic.");
        Late = meter.CreateCounter<long>("orleansstreams.records.late", "{record}", "Late records committed to the late topic (or dropped when it is not set).");
        DeadLettered = meter.CreateCounter<long>("orleansstreams.records.dead_lettered", "{record}", "Unreadable or misrouted records committed to the dead-letter topic.");
        Commits = meter.CreateCounter<long>("orleansstreams.epoch.commits", "{epoch}", "Epochs committed.");
        Aborts = meter.CreateCounter<long>("orleansstreams.epoch.aborts", "{epoch}", "Epochs that did not commit (their transaction aborted or never started).");
        Generations = meter.CreateCounter<long>("orleansstreams.generations", "{generation}", "Generations begun: every start and every recovery of a partition.");
        StateWritten = meter.CreateCounter<long>("orleansstreams.state.written", "By", "Bytes of key state written to storage: checkpoint rows of windowed pipelines, key-grain snapshots otherwise.");
        EpochDuration = meter.CreateHistogram("orleansstreams.epoch.duration", "s", "Time from an epoch's end to its commit: flushing the state, writing a checkpoint when due, and the Kafka transaction.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EpochBuckets });
        CheckpointDuration = meter.CreateHistogram("orleansstreams.checkpoint.duration", "s", "Time to write one checkpoint of a windowed pipeline's partition state: the rows of every key changed since the last one, in one transaction.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EpochBuckets });
        FlushedKeys = meter.CreateHistogram("orleansstreams.epoch.flushed_keys", "{key}", "Keys flushed per epoch: for windowed pipelines the keys a checkpoint wrote (0 between checkpoints), otherwise the key grains flushed.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = KeyBuckets });
        Latency = meter.CreateHistogram("orleansstreams.result.latency", "s", "End-to-end latency of a window result: from its event time (window end) to its commit.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        if (progress is not null)
        {
            meter.CreateObservableCounter("orleansstreams.records.in", () => Observe(progress, static p => p.RecordsIn), "{record}", "Records read from the input partition (replays after a recovery included).");
            meter.CreateObservableGauge("orleansstreams.consumer.lag", () => Observe(progress, static p => p.LagRecords), "{record}", "High watermark minus committed offset.");
            meter.CreateObservableGauge("orleansstreams.consumer.lag.time", () => Observe(progress, static p => p.LagSeconds), "s", "Age of the oldest record not yet committed, by its Kafka timestamp.");
            meter.CreateObservableGauge("orleansstreams.partitions.owned", () => Owned(progress), "{partition}", "Partitions whose agent runs on this silo.");
        }
    }

    public TimeProvider Time { get; }

    public Counter<long> ResultsOut { get; }

    public Counter<long> Late { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Commits { get; }

    public Counter<long> Aborts { get; }

    public Counter<long> Generations { get; }

    public Counter<long> StateWritten { get; }

    public Histogram<double> EpochDuration { get; }

    public Histogram<double> CheckpointDuration { get; }

    public Histogram<long> FlushedKeys { get; }

    public Histogram<double> Latency { get; }

    /// <summary>Starts timing and tracing the commit of one epoch.</summary>
    public EpochTelemetry StartEpoch(string pipeline, int partition, Committer.EpochPlan plan) => new(this, pipeline, partition, plan);

    /// <summary>Starts tracing a new generation (a start or a recovery) of one partition's committer.</summary>
    public RecoveryTelemetry StartRecovery(string pipeline, int partition) => new(this, pipeline, partition);

    internal static TagList Tags(string pipeline, int partition) => new() { { "pipeline", pipeline }, { "partition", partition } };

    private static IEnumerable<Measurement<T>> Observe<T>(IPartitionProgress progress, Func<PartitionProgress, T> value)
        where T : struct
    {
        foreach (var p in progress.Read())
        {
            yield return new Measurement<T>(value(p), Tags(p.Pipeline, p.Partition));
        }
    }

    private static IEnumerable<Measurement<int>> Owned(IPartitionProgress progress) =>
        progress.Read().GroupBy(p => p.Pipeline).Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("pipeline", g.Key)));
}
