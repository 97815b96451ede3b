using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Transactions;

/// <summary>AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, TxnOffsetCommit and the produce-time check.</summary>
internal sealed partial class TransactionCoordinator
{
    /// <summary>AddPartitionsToTxn v0-1: one error per partition (all the same unless some partition is unknown).</summary>
    public short[] AddPartitions(string transactionalId, long producerId, short producerEpoch, IReadOnlyList<TopicPartition> partitions)
    {
        var errors = new short[partitions.Count];
        if (!_byId.TryGetValue(transactionalId, out var metadata))
        {
            Array.Fill(errors, ErrorCodes.InvalidProducerIdMapping);
            return errors;
        }

        lock (metadata.Lock)
        {
            var error = CheckProducer(metadata, producerId, producerEpoch);
            if (error == ErrorCodes.None && partitions.Any(p => _topics.GetPartition(p) is null))
            {
                for (var i = 0; i < partitions.Count; i++)
                {
                    errors[i] = _topics.GetPartition(partitions[i]) is null ? ErrorCodes.UnknownTopicOrPartition : ErrorCodes.OperationNotAttempted;
                }

                return errors;
            }

            if (error == ErrorCodes.None)
            {
                Begin(metadata);
                metadata.Partitions.UnionWith(partitions);
                _journal.WriteTransaction(metadata.ToRecord());
            }

            Array.Fill(errors, error);
            return errors;
        }
    }

    /// <summary>AddOffsetsToTxn v0-1: the group's TxnOffsetCommit becomes part of the transaction.</summary>
    public short AddOffsets(string transactionalId, long producerId, short producerEpoch, string groupId)
    {
        if (!_byId.TryGetValue(transactionalId, out var metadata))
        {
            return ErrorCodes.InvalidProducerIdMapping;
        }

        lock (metadata.Lock)
        {
            var error = CheckProducer(metadata, producerId, producerEpoch);
            if (error == ErrorCodes.None)
            {
                Begin(metadata);
                metadata.Groups.Add(groupId);
                _journal.WriteTransaction(metadata.ToRecord());
            }

            return error;
        }
    }

    /// <summary>EndTxn v0-1: commit or abort the ongoing transaction; a retry of a completed end succeeds.</summary>
    public short EndTransaction(string transactionalId, long producerId, short producerEpoch, bool commit)
    {
        if (!_byId.TryGetValue(transactionalId, out var metadata))
        {
            return ErrorCodes.InvalidProducerIdMapping;
        }

        lock (metadata.Lock)
        {
            if (metadata.ProducerId != producerId)
            {
                return ErrorCodes.InvalidProducerIdMapping;
            }

            if (metadata.ProducerEpoch != producerEpoch)
            {
                return ErrorCodes.InvalidProducerEpoch;
            }

            switch (metadata.State)
            {
                case TxnState.Ongoing:
                    Complete(metadata, commit, onlyOpen: false);
                    return ErrorCodes.None;
                case TxnState.CompleteCommit when commit:
                case TxnState.CompleteAbort when !commit:
                    return ErrorCodes.None;
                case TxnState.PrepareCommit when commit:
                case TxnState.PrepareAbort when !commit:
                    return ErrorCodes.ConcurrentTransactions;
                default:
                    return ErrorCodes.InvalidTxnState;
            }
        }
    }

    /// <summary>
    /// TxnOffsetCommit: the producer must own the transactional id with its current epoch and have added
    /// the group; then the group coordinator stores the offsets as pending (under this transaction's lock,
    /// so an EndTxn cannot slip in between).
    /// </summary>
    public void CommitOffsets(string transactionalId, long producerId, short producerEpoch, string groupId, int generationId, string memberId, string? groupInstanceId, IReadOnlyList<OffsetCommitEntry> entries)
    {
        short error;
        if (!_byId.TryGetValue(transactionalId, out var metadata))
        {
            error = ErrorCodes.InvalidProducerIdMapping;
        }
        else
        {
            lock (metadata.Lock)
            {
                error = metadata.ProducerId != producerId ? ErrorCodes.InvalidProducerIdMapping
                    : metadata.ProducerEpoch != producerEpoch ? ErrorCodes.InvalidProducerEpoch
                    : metadata.State != TxnState.Ongoing || !metadata.Groups.Contains(groupId) ? ErrorCodes.InvalidTxnState
                    : ErrorCodes.None;
                if (error == ErrorCodes.None)
                {
                    _groups.StorePendingOffsets(groupId, producerId, generationId, memberId, groupInstanceId, entries);
                    return;
                }
            }
        }

        foreach (var entry in entries)
        {
            entry.ErrorCode = error;
        }
    }

    /// <summary>A transactional batch may only be appended to a partition added to its producer's ongoing transaction.</summary>
    public short VerifyTransactionalProduce(long producerId, short producerEpoch, TopicPartition partition)
    {
        if (!_byProducerId.TryGetValue(producerId, out var metadata))
        {
            return ErrorCodes.InvalidProducerIdMapping;
        }

        lock (metadata.Lock)
        {
            if (metadata.ProducerId != producerId || producerEpoch < metadata.ProducerEpoch)
            {
                return ErrorCodes.InvalidProducerEpoch;
            }

            return producerEpoch == metadata.ProducerEpoch && metadata.State == TxnState.Ongoing && metadata.Partitions.Contains(partition)
                ? ErrorCodes.None
                : ErrorCodes.InvalidTxnState;
        }
    }

    private static short CheckProducer(TransactionMetadata metadata, long producerId, short producerEpoch)
    {
        if (metadata.ProducerId != producerId)
        {
            return ErrorCodes.InvalidProducerIdMapping;
        }

        if (metadata.ProducerEpoch != producerEpoch)
        {
            return ErrorCodes.InvalidProducerEpoch;
        }

        return metadata.State is TxnState.PrepareCommit or TxnState.PrepareAbort ? ErrorCodes.ConcurrentTransactions : ErrorCodes.None;
    }

    private void Begin(TransactionMetadata metadata)
    {
        if (metadata.State != TxnState.Ongoing)
        {
            metadata.State = TxnState.Ongoing;
            metadata.StartTimestampMs = NowMs;
        }
    }
}
