using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>Heartbeat v0-3: keeps a member's session; REBALANCE_IN_PROGRESS tells it to rejoin.</summary>
internal sealed class HeartbeatHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.Heartbeat;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 4;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        var error = broker.Groups.Heartbeat(groupId, memberId, generationId);
        if (request.ApiVersion >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteInt16(error);
        return new ValueTask<bool>(true);
    }
}
