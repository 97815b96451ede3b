namespace OrleansStreams.Pipelines;

/// <summary>How outputs, state and input offsets are committed.</summary>
public enum ProcessingGuarantee
{
    /// <summary>
    /// State, outputs and input offsets of an epoch commit in one Kafka transaction: every record
    /// affects state and output exactly once, through crashes. Consumers read with read_committed.
    /// </summary>
    ExactlyOnce,

    /// <summary>
    /// No transactions: outputs are produced and flushed, then offsets are committed. After a
    /// failure some outputs may appear twice; latency is lower.
    /// </summary>
    AtLeastOnce,
}
