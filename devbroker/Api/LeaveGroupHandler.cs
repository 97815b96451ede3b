using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>LeaveGroup v0-1: removes the member at once, so the others rebalance without waiting for its session to expire.</summary>
internal sealed class LeaveGroupHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.LeaveGroup;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 4;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var groupId = reader.ReadString();
        var memberId = reader.ReadString();
        var error = broker.Groups.Leave(groupId, memberId);
        if (request.ApiVersion >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteInt16(error);
        return new ValueTask<bool>(true);
    }
}
