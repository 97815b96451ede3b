using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.State;

/// <summary>
/// The broker's metadata as replayed from the journal, before any component is built from it; also
/// writes itself back as the compacted snapshot that starts the next journal.
/// </summary>
internal sealed class RecoveredState
{
    public Dictionary<string, TopicRecord> Topics { get; } = new(StringComparer.Ordinal);

    public Dictionary<TopicPartition, long> LogStartOffsets { get; } = [];

    public Dictionary<string, Dictionary<TopicPartition, CommittedOffset>> Offsets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<long, Dictionary<TopicPartition, CommittedOffset>>> PendingOffsets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TransactionRecord> Transactions { get; } = new(StringComparer.Ordinal);

    public long NextProducerId { get; private set; }

    public void Apply(JournalRecordType type, ref KafkaReader r)
    {
        switch (type)
        {
            case JournalRecordType.TopicCreated:
                var topic = JournalRecords.ReadTopicCreated(ref r);
                Topics[topic.Name] = topic;
                break;
            case JournalRecordType.TopicDeleted:
                RemoveTopic(r.ReadString());
                break;
            case JournalRecordType.PartitionsAdded:
                var name = r.ReadString();
                var count = r.ReadInt32();
                if (Topics.TryGetValue(name, out var existing))
                {
                    Topics[name] = existing with { Partitions = count };
                }

                break;
            case JournalRecordType.LogStartOffset:
                LogStartOffsets[JournalRecords.ReadPartition(ref r)] = r.ReadInt64();
                break;
            case JournalRecordType.OffsetCommitted:
                var group = r.ReadString();
                var partition = JournalRecords.ReadPartition(ref r);
                GroupOffsets(group)[partition] = JournalRecords.ReadOffset(ref r);
                break;
            case JournalRecordType.GroupDeleted:
                var deleted = r.ReadString();
                Offsets.Remove(deleted);
                PendingOffsets.Remove(deleted);
                break;
            case JournalRecordType.TxnOffsetPending:
                ApplyPending(ref r);
                break;
            case JournalRecordType.TxnOffsetsCompleted:
                ApplyCompleted(r.ReadString(), r.ReadInt64(), r.ReadBool());
                break;
            case JournalRecordType.Transaction:
                var txn = JournalRecords.ReadTransaction(ref r);
                Transactions[txn.TransactionalId] = txn;
                break;
            case JournalRecordType.ProducerIdBlock:
                NextProducerId = Math.Max(NextProducerId, r.ReadInt64());
                break;
            default:
                throw new MalformedRequestException($"unknown journal record type {(byte)type}");
        }
    }

    /// <summary>Writes the whole state as the first records of a fresh journal.</summary>
    public void WriteSnapshot(Journal journal)
    {
        journal.WriteProducerIdBlock(NextProducerId);
        foreach (var topic in Topics.Values)
        {
            journal.WriteTopicCreated(topic);
        }

        foreach (var (partition, offset) in LogStartOffsets)
        {
            journal.WriteLogStartOffset(partition, offset);
        }

        foreach (var (group, offsets) in Offsets)
        {
            foreach (var (partition, offset) in offsets)
            {
                journal.WriteOffsetCommitted(group, partition, offset);
            }
        }

        foreach (var (group, byProducer) in PendingOffsets)
        {
            foreach (var (producerId, offsets) in byProducer)
            {
                foreach (var (partition, offset) in offsets)
                {
                    journal.WriteTxnOffsetPending(group, producerId, partition, offset);
                }
            }
        }

        foreach (var txn in Transactions.Values)
        {
            journal.WriteTransaction(txn);
        }
    }

    private Dictionary<TopicPartition, CommittedOffset> GroupOffsets(string group)
    {
        if (!Offsets.TryGetValue(group, out var offsets))
        {
            offsets = [];
            Offsets[group] = offsets;
        }

        return offsets;
    }

    private void ApplyPending(ref KafkaReader r)
    {
        var group = r.ReadString();
        var producerId = r.ReadInt64();
        var partition = JournalRecords.ReadPartition(ref r);
        var offset = JournalRecords.ReadOffset(ref r);
        if (!PendingOffsets.TryGetValue(group, out var byProducer))
        {
            byProducer = [];
            PendingOffsets[group] = byProducer;
        }

        if (!byProducer.TryGetValue(producerId, out var offsets))
        {
            offsets = [];
            byProducer[producerId] = offsets;
        }

        offsets[partition] = offset;
    }

    private void ApplyCompleted(string group, long producerId, bool commit)
    {
        if (!PendingOffsets.TryGetValue(group, out var byProducer) || !byProducer.Remove(producerId, out var offsets))
        {
            return;
        }

        if (commit)
        {
            var committed = GroupOffsets(group);
            foreach (var (partition, offset) in offsets)
            {
                committed[partition] = offset;
            }
        }
    }

    private void RemoveTopic(string name)
    {
        Topics.Remove(name);
        foreach (var partition in LogStartOffsets.Keys.Where(p => p.Topic == name).ToList())
        {
            LogStartOffsets.Remove(partition);
        }

        foreach (var offsets in Offsets.Values)
        {
            foreach (var partition in offsets.Keys.Where(p => p.Topic == name).ToList())
            {
                offsets.Remove(partition);
            }
        }
    }
}
