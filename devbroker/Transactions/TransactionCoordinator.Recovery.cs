using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Transactions;

/// <summary>Completing what a crash interrupted, at start; the journal snapshot of transaction state.</summary>
internal sealed partial class TransactionCoordinator
{
    /// <summary>Writes the producer id block and every transactional id's state as journal records, for compaction.</summary>
    public void WriteSnapshot(Journal journal)
    {
        _producerIds.WriteSnapshot(journal);
        foreach (var metadata in _byId.Values)
        {
            lock (metadata.Lock)
            {
                journal.WriteTransaction(metadata.ToRecord());
            }
        }
    }

    /// <summary>
    /// Finishes what a crash interrupted: transactions left in PrepareCommit/PrepareAbort get their markers
    /// and offsets; data of a producer with no ongoing transaction that covers the partition is aborted.
    /// </summary>
    public void CompleteInterruptedTransactions()
    {
        foreach (var metadata in _byId.Values)
        {
            lock (metadata.Lock)
            {
                if (metadata.State is TxnState.PrepareCommit or TxnState.PrepareAbort or TxnState.PrepareEpochFence)
                {
                    var commit = metadata.State == TxnState.PrepareCommit;
                    BrokerLog.LogTransactionCompletedOnRecovery(_logger, metadata.TransactionalId, metadata.State.ToString());
                    Complete(metadata, commit, onlyOpen: true);
                }
            }
        }

        foreach (var topic in _topics.All)
        {
            foreach (var log in topic.Partitions)
            {
                foreach (var (producerId, epoch) in log.OpenTransactions())
                {
                    if (!IsOngoingIn(producerId, log.Id))
                    {
                        log.AppendMarker(producerId, epoch, commit: false, NowMs);
                    }
                }
            }
        }
    }

    private bool IsOngoingIn(long producerId, TopicPartition partition)
    {
        if (!_byProducerId.TryGetValue(producerId, out var metadata))
        {
            return false;
        }

        lock (metadata.Lock)
        {
            return metadata.ProducerId == producerId && metadata.State == TxnState.Ongoing && metadata.Partitions.Contains(partition);
        }
    }
}
