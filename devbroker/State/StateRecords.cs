using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.State;

/// <summary>A committed (or pending transactional) group offset with its metadata string.</summary>
internal sealed record CommittedOffset(long Offset, int LeaderEpoch, string? Metadata, long CommitTimestampMs);

/// <summary>A topic as the journal knows it; <see cref="Id"/> names its directory so a re-created topic starts empty.</summary>
internal sealed record TopicRecord(string Name, Guid Id, int Partitions, IReadOnlyDictionary<string, string> Configs);

/// <summary>Transaction states, numbered as in Kafka's TransactionState.</summary>
internal enum TxnState : byte
{
    Empty = 0,
    Ongoing = 1,
    PrepareCommit = 2,
    PrepareAbort = 3,
    CompleteCommit = 4,
    CompleteAbort = 5,
    Dead = 6,
    PrepareEpochFence = 7,
}

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
