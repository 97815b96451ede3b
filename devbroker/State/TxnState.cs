namespace OrleansStreams.DevBroker.State;

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
