using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// OffsetFetch v1-7 (v6+ flexible): committed offset, leader epoch and metadata per partition; v7's
/// RequireStable answers UNSTABLE_OFFSET_COMMIT while a transaction holds pending offsets.
/// </summary>
internal sealed class OffsetFetchHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetFetch;

    public short MinVersion => 1;

    public short MaxVersion => 7;

    public short FirstFlexibleVersion => 6;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var groupId = reader.ReadString();
        var topicCount = reader.ReadArrayCount();
        List<(string, int[])>? topics = null;
        if (topicCount >= 0)
        {
            topics = new List<(string, int[])>(topicCount);
            for (var t = 0; t < topicCount; t++)
            {
                var name = reader.ReadString();
                var partitions = new int[Math.Max(reader.ReadArrayCount(), 0)];
                for (var p = 0; p < partitions.Length; p++)
                {
                    partitions[p] = reader.ReadInt32();
                }

                reader.SkipTaggedFields();
                topics.Add((name, partitions));
            }
        }

        var requireStable = v >= 7 && reader.ReadBool();
        var results = broker.Groups.FetchOffsets(groupId, topics, requireStable);
        if (v >= 3)
        {
            response.WriteInt32(0);
        }

        response.WriteArrayLength(results.Count);
        foreach (var (topic, partitions) in results)
        {
            response.WriteString(topic);
            response.WriteArrayLength(partitions.Count);
            foreach (var p in partitions)
            {
                response.WriteInt32(p.Partition);
                response.WriteInt64(p.Offset);
                if (v >= 5)
                {
                    response.WriteInt32(p.LeaderEpoch);
                }

                response.WriteString(p.Metadata);
                response.WriteInt16(p.ErrorCode);
                response.WriteTags();
            }

            response.WriteTags();
        }

        if (v >= 2)
        {
            response.WriteInt16(ErrorCodes.None);
        }

        response.WriteTags();
        return new ValueTask<bool>(true);
    }
}
