using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>ListGroups v0-2: every group, with protocol type "consumer" or "" for groups that only store offsets.</summary>
internal sealed class ListGroupsHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.ListGroups;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        if (request.ApiVersion >= 1)
        {
            response.WriteInt32(0);
        }

        var groups = broker.Groups.List();
        response.WriteInt16(ErrorCodes.None);
        response.WriteArrayLength(groups.Count);
        foreach (var (groupId, protocolType) in groups)
        {
            response.WriteString(groupId);
            response.WriteString(protocolType);
        }

        return new ValueTask<bool>(true);
    }
}
