using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>A parsed Fetch v4-11 request (fetch sessions are not supported: every fetch is a full fetch).</summary>
internal sealed class FetchRequest
{
    public int MaxWaitMs { get; private init; }

    public int MinBytes { get; private init; }

    public int MaxBytes { get; private init; }

    public bool ReadCommitted { get; private init; }

    public int SessionId { get; private init; }

    public List<(string Topic, List<FetchPartition> Partitions)> Topics { get; } = [];

    public static FetchRequest Read(ref KafkaReader reader, short version)
    {
        reader.ReadInt32();
        var request = new FetchRequest
        {
            MaxWaitMs = reader.ReadInt32(),
            MinBytes = reader.ReadInt32(),
            MaxBytes = reader.ReadInt32(),
            ReadCommitted = reader.ReadInt8() == 1,
            SessionId = version >= 7 ? reader.ReadInt32() : 0,
        };
        if (version >= 7)
        {
            reader.ReadInt32();
        }

        var topicCount = reader.ReadArrayCount();
        for (var t = 0; t < topicCount; t++)
        {
            var topic = reader.ReadString();
            var partitionCount = reader.ReadArrayCount();
            var partitions = new List<FetchPartition>(Math.Max(partitionCount, 0));
            for (var p = 0; p < partitionCount; p++)
            {
                var partition = reader.ReadInt32();
                var leaderEpoch = version >= 9 ? reader.ReadInt32() : -1;
                var offset = reader.ReadInt64();
                if (version >= 5)
                {
                    reader.ReadInt64();
                }

                partitions.Add(new FetchPartition(topic, partition, leaderEpoch, offset, reader.ReadInt32()));
            }

            request.Topics.Add((topic, partitions));
        }

        // ForgottenTopicsData (v7+) and RackId (v11+) only matter to fetch sessions and replicas.
        return request;
    }
}
