namespace OrleansStreams.Ingress;

/// <summary>The bounds a partition agent runs within.</summary>
/// <param name="MaxInFlight">Key-grain calls in flight per partition.</param>
/// <param name="MaxBatchRecords">Records per key-grain call.</param>
/// <param name="MaxBufferedRecords">Records read but not yet below the safe offset; reading pauses above it.</param>
/// <param name="CommitInterval">Target time between epoch ends.</param>
/// <param name="CommitMaxRecords">An epoch also ends after this many records.</param>
/// <param name="RetryBackoff">Wait before a failed generation is restarted.</param>
/// <param name="CheckpointInterval">Windowed pipelines: target time between checkpoints of the partition's state.</param>
internal sealed record AgentLimits(
    int MaxInFlight,
    int MaxBatchRecords,
    int MaxBufferedRecords,
    TimeSpan CommitInterval,
    int CommitMaxRecords,
    TimeSpan RetryBackoff,
    TimeSpan CheckpointInterval);
