using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Transactions;

/// <summary>The coordinator's state of one transactional id; guarded by <see cref="Lock"/>.</summary>
internal sealed class TransactionMetadata(string transactionalId)
{
    public Lock Lock { get; } = new();

    public string TransactionalId { get; } = transactionalId;

    public long ProducerId { get; set; } = -1;

    public short ProducerEpoch { get; set; } = -1;

    /// <summary>The epoch before the last bump requested with an expected epoch (KIP-360 retries); -1 otherwise.</summary>
    public short LastProducerEpoch { get; set; } = -1;

    public int TimeoutMs { get; set; }

    public TxnState State { get; set; } = TxnState.Empty;

    public long StartTimestampMs { get; set; } = -1;

    public HashSet<TopicPartition> Partitions { get; } = [];

    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    public TransactionRecord ToRecord() =>
        new(TransactionalId, ProducerId, ProducerEpoch, LastProducerEpoch, TimeoutMs, State, StartTimestampMs, [.. Partitions], [.. Groups]);

    public static TransactionMetadata FromRecord(TransactionRecord record)
    {
        var metadata = new TransactionMetadata(record.TransactionalId)
        {
            ProducerId = record.ProducerId,
            ProducerEpoch = record.ProducerEpoch,
            LastProducerEpoch = record.LastProducerEpoch,
            TimeoutMs = record.TimeoutMs,
            State = record.State,
            StartTimestampMs = record.StartTimestampMs,
        };
        metadata.Partitions.UnionWith(record.Partitions);
        metadata.Groups.UnionWith(record.Groups);
        return metadata;
    }
}
