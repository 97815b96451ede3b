namespace OrleansStreams.DevBroker.State;

/// <summary>The kinds of record in the broker's metadata journal.</summary>
internal enum JournalRecordType : byte
{
    TopicCreated = 1,
    TopicDeleted = 2,
    PartitionsAdded = 3,
    LogStartOffset = 4,
    OffsetCommitted = 10,
    GroupDeleted = 11,
    TxnOffsetPending = 12,
    TxnOffsetsCompleted = 13,
    Transaction = 20,
    ProducerIdBlock = 21,
}
