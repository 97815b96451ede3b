using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.State;

/// <summary>Encodes and decodes the body of every journal record type (classic Kafka encoding).</summary>
internal static class JournalRecords
{
    public static void WriteTopicCreated(this Journal journal, TopicRecord topic) =>
        journal.Append(JournalRecordType.TopicCreated, topic, static (w, t) =>
        {
            w.WriteString(t.Name);
            w.WriteUuid(t.Id);
            w.WriteInt32(t.Partitions);
            w.WriteArrayLength(t.Configs.Count);
            foreach (var (key, value) in t.Configs)
            {
                w.WriteString(key);
                w.WriteString(value);
            }
        });

    public static TopicRecord ReadTopicCreated(ref KafkaReader r)
    {
        var name = r.ReadString();
        var id = r.ReadUuid();
        var partitions = r.ReadInt32();
        var count = r.ReadArrayCount();
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            configs[r.ReadString()] = r.ReadString();
        }

        return new TopicRecord(name, id, partitions, configs);
    }

    public static void WriteTopicDeleted(this Journal journal, string name) =>
        journal.Append(JournalRecordType.TopicDeleted, name, static (w, n) => w.WriteString(n));

    public static void WritePartitionsAdded(this Journal journal, string name, int count) =>
        journal.Append(JournalRecordType.PartitionsAdded, (name, count), static (w, s) =>
        {
            w.WriteString(s.name);
            w.WriteInt32(s.count);
        });

    public static void WriteLogStartOffset(this Journal journal, TopicPartition partition, long offset) =>
        journal.Append(JournalRecordType.LogStartOffset, (partition, offset), static (w, s) =>
        {
            WritePartition(w, s.partition);
            w.WriteInt64(s.offset);
        });

    public static void WriteOffsetCommitted(this Journal journal, string group, TopicPartition partition, CommittedOffset offset) =>
        journal.Append(JournalRecordType.OffsetCommitted, (group, partition, offset), static (w, s) =>
        {
            w.WriteString(s.group);
            WritePartition(w, s.partition);
            WriteOffset(w, s.offset);
        });

    public static void WriteGroupDeleted(this Journal journal, string group) =>
        journal.Append(JournalRecordType.GroupDeleted, group, static (w, g) => w.WriteString(g));

    public static void WriteTxnOffsetPending(this Journal journal, string group, long producerId, TopicPartition partition, CommittedOffset offset) =>
        journal.Append(JournalRecordType.TxnOffsetPending, (group, producerId, partition, offset), static (w, s) =>
        {
            w.WriteString(s.group);
            w.WriteInt64(s.producerId);
            WritePartition(w, s.partition);
            WriteOffset(w, s.offset);
        });

    public static void WriteTxnOffsetsCompleted(this Journal journal, string group, long producerId, bool commit) =>
        journal.Append(JournalRecordType.TxnOffsetsCompleted, (group, producerId, commit), static (w, s) =>
        {
            w.WriteString(s.group);
            w.WriteInt64(s.producerId);
            w.WriteBool(s.commit);
        });

    public static void WriteTransaction(this Journal journal, TransactionRecord txn) =>
        journal.Append(JournalRecordType.Transaction, txn, static (w, t) =>
        {
            w.WriteString(t.TransactionalId);
            w.WriteInt64(t.ProducerId);
            w.WriteInt16(t.ProducerEpoch);
            w.WriteInt16(t.LastProducerEpoch);
            w.WriteInt32(t.TimeoutMs);
            w.WriteByte((byte)t.State);
            w.WriteInt64(t.StartTimestampMs);
            w.WriteArrayLength(t.Partitions.Length);
            foreach (var partition in t.Partitions)
            {
                WritePartition(w, partition);
            }

            w.WriteArrayLength(t.Groups.Length);
            foreach (var group in t.Groups)
            {
                w.WriteString(group);
            }
        });

    public static TransactionRecord ReadTransaction(ref KafkaReader r)
    {
        var id = r.ReadString();
        var producerId = r.ReadInt64();
        var epoch = r.ReadInt16();
        var lastEpoch = r.ReadInt16();
        var timeout = r.ReadInt32();
        var state = (TxnState)r.ReadInt8();
        var start = r.ReadInt64();
        var partitions = new TopicPartition[r.ReadArrayCount()];
        for (var i = 0; i < partitions.Length; i++)
        {
            partitions[i] = ReadPartition(ref r);
        }

        var groups = new string[r.ReadArrayCount()];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = r.ReadString();
        }

        return new TransactionRecord(id, producerId, epoch, lastEpoch, timeout, state, start, partitions, groups);
    }

    public static void WriteProducerIdBlock(this Journal journal, long nextUnallocated) =>
        journal.Append(JournalRecordType.ProducerIdBlock, nextUnallocated, static (w, n) => w.WriteInt64(n));

    public static TopicPartition ReadPartition(ref KafkaReader r) => new(r.ReadString(), r.ReadInt32());

    public static CommittedOffset ReadOffset(ref KafkaReader r) =>
        new(r.ReadInt64(), r.ReadInt32(), r.ReadNullableString(), r.ReadInt64());

    private static void WritePartition(KafkaWriter w, TopicPartition partition)
    {
        w.WriteString(partition.Topic);
        w.WriteInt32(partition.Partition);
    }

    private static void WriteOffset(KafkaWriter w, CommittedOffset offset)
    {
        w.WriteInt64(offset.Offset);
        w.WriteInt32(offset.LeaderEpoch);
        w.WriteString(offset.Metadata);
        w.WriteInt64(offset.CommitTimestampMs);
    }
}
