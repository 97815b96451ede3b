using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>The topics/partitions/offsets layout shared by OffsetCommit and TxnOffsetCommit, and their common response.</summary>
internal static class OffsetCommitCodec
{
    public static List<(string Topic, List<OffsetCommitEntry> Entries)> ReadTopics(ref KafkaReader reader, bool hasLeaderEpoch)
    {
        var topicCount = reader.ReadArrayCount();
        var topics = new List<(string, List<OffsetCommitEntry>)>(Math.Max(topicCount, 0));
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            var partitionCount = reader.ReadArrayCount();
            var entries = new List<OffsetCommitEntry>(Math.Max(partitionCount, 0));
            for (var p = 0; p < partitionCount; p++)
            {
                var partition = reader.ReadInt32();
                var offset = reader.ReadInt64();
                var leaderEpoch = hasLeaderEpoch ? reader.ReadInt32() : -1;
                var metadata = reader.ReadNullableString();
                reader.SkipTaggedFields();
                entries.Add(new OffsetCommitEntry(new TopicPartition(name, partition), offset, leaderEpoch, metadata));
            }

            reader.SkipTaggedFields();
            topics.Add((name, entries));
        }

        return topics;
    }

    public static void WriteResults(KafkaWriter response, List<(string Topic, List<OffsetCommitEntry> Entries)> topics)
    {
        response.WriteArrayLength(topics.Count);
        foreach (var (topic, entries) in topics)
        {
            response.WriteString(topic);
            response.WriteArrayLength(entries.Count);
            foreach (var entry in entries)
            {
                response.WriteInt32(entry.Partition.Partition);
                response.WriteInt16(entry.ErrorCode);
                response.WriteTags();
            }

            response.WriteTags();
        }
    }
}
