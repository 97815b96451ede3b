using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Committer;

/// <summary>How committers commit; set by the silo from the <c>Processing</c> settings.</summary>
internal sealed record CommitterOptions
{
    public ProcessingGuarantee Guarantee { get; init; } = ProcessingGuarantee.ExactlyOnce;

    /// <summary>Kafka's <c>transaction.timeout.ms</c>: the broker aborts an epoch transaction left open longer.</summary>
    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one Kafka call of the commit may take before the epoch fails.</summary>
    public TimeSpan KafkaTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much longer than <see cref="KafkaTimeout"/> a blocking Kafka call may take before its client is abandoned as stuck.</summary>
    public TimeSpan StuckCallGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Key-grain flushes in flight at once.</summary>
    public int FlushConcurrency { get; init; } = 64;
}
