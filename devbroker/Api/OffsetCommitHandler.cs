using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>OffsetCommit v2-7: group members commit with their generation; "simple" commits use generation -1.</summary>
internal sealed class OffsetCommitHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetCommit;

    public short MinVersion => 2;

    public short MaxVersion => 7;

    public short FirstFlexibleVersion => 8;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        var instanceId = v >= 7 ? reader.ReadNullableString() : null;
        if (v <= 4)
        {
            reader.ReadInt64();
        }

        var topics = OffsetCommitCodec.ReadTopics(ref reader, hasLeaderEpoch: v >= 6);
        broker.Groups.CommitOffsets(groupId, generationId, memberId, instanceId, [.. topics.SelectMany(t => t.Entries)]);
        if (v >= 3)
        {
            response.WriteInt32(0);
        }

        OffsetCommitCodec.WriteResults(response, topics);
        return new ValueTask<bool>(true);
    }
}
