using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.State;

/// <summary>The durable part of a transactional id's state.</summary>
internal sealed record TransactionRecord(
    string TransactionalId,
    long ProducerId,
    short ProducerEpoch,
    short LastProducerEpoch,
    int TimeoutMs,
    TxnState State,
    long StartTimestampMs,
    TopicPartition[] Partitions,
    string[] Groups);
