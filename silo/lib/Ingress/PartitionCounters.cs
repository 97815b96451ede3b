namespace OrleansStreams.Ingress;

/// <summary>Running totals of one partition agent, read by progress lines and metrics.</summary>
internal sealed class PartitionCounters
{
    private long _recordsIn;
    private long _deadLettered;
    private long _epochs;
    private long _generations;
    private long _results;
    private long _late;
    private long _recoveringSinceTicks;

    public long RecordsIn => Interlocked.Read(ref _recordsIn);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public long Epochs => Interlocked.Read(ref _epochs);

    public long Generations => Interlocked.Read(ref _generations);

    public long Results => Interlocked.Read(ref _results);

    public long Late => Interlocked.Read(ref _late);

    /// <summary>The safe offset of the running generation, or -1.</summary>
    public long SafeOffset { get; set; } = -1;

    /// <summary>The last committed offset, or -1.</summary>
    public long CommittedOffset { get; set; } = -1;

    /// <summary>The high watermark last seen by the consumer, or -1.</summary>
    public long HighWatermark { get; set; } = -1;

    /// <summary>The running generation, or -1 before the first.</summary>
    public long Generation { get; set; } = -1;

    /// <summary>The last committed epoch, as the running generation knows it.</summary>
    public long CommittedEpoch { get; set; } = -1;

    /// <summary>The stream time committed with <see cref="CommittedEpoch"/>.</summary>
    public long CommittedStreamTime { get; set; } = long.MinValue;

    /// <summary>When the running generation last committed an epoch, or null before its first.</summary>
    public DateTimeOffset? LastCommit { get; set; }

    /// <summary>
    /// Since when the agent has been recovering — starting a generation, replaying up to the committed
    /// offset, or waiting to retry after a failure — or <see langword="null"/> while it is caught up.
    /// </summary>
    public DateTimeOffset? RecoveringSince =>
        Interlocked.Read(ref _recoveringSinceTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Timestamps of records read and not committed, for consumer lag in seconds.</summary>
    public Telemetry.PartitionLag Lag { get; } = new();

    public void AddRecords(long n) => Interlocked.Add(ref _recordsIn, n);

    public void AddDeadLettered(long n) => Interlocked.Add(ref _deadLettered, n);

    public void AddEpoch(int results, int late) 
    {
        Interlocked.Increment(ref _epochs);
        Interlocked.Add(ref _results, results);
        Interlocked.Add(ref _late, late);
    }

    public void AddGeneration() => Interlocked.Increment(ref _generations);

    /// <summary>Marks the agent recovering from <paramref name="now"/>, unless it already is (the earlier time stays).</summary>
    public void Recovering(DateTimeOffset now) => Interlocked.CompareExchange(ref _recoveringSinceTicks, now.UtcTicks, 0);

    /// <summary>Marks the agent caught up with its committed offset.</summary>
    public void CaughtUp() => Interlocked.Exchange(ref _recoveringSinceTicks, 0);
}
