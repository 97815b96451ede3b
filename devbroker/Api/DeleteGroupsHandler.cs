using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>DeleteGroups v0-1: removes groups without members, with their committed offsets.</summary>
internal sealed class DeleteGroupsHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.DeleteGroups;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 2;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var groups = new string[Math.Max(reader.ReadArrayCount(), 0)];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = reader.ReadString();
        }

        response.WriteInt32(0);
        response.WriteArrayLength(groups.Length);
        foreach (var groupId in groups)
        {
            response.WriteString(groupId);
            response.WriteInt16(broker.Groups.Delete(groupId));
        }

        return new ValueTask<bool>(true);
    }
}
