using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>DescribeGroups v0-4: state, protocol and members (metadata and assignment only when Stable).</summary>
internal sealed class DescribeGroupsHandler(BrokerContext broker) : IApiHandler
{
    private const int GroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

    public ApiKey Key => ApiKey.DescribeGroups;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => 5;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var groups = new string[Math.Max(reader.ReadArrayCount(), 0)];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = reader.ReadString();
        }

        var includeOperations = v >= 3 && reader.ReadBool();
        if (v >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteArrayLength(groups.Length);
        foreach (var groupId in groups)
        {
            var group = broker.Groups.Describe(groupId);
            response.WriteInt16(groupId.Length == 0 ? ErrorCodes.InvalidGroupId : ErrorCodes.None);
            response.WriteString(group.GroupId);
            response.WriteString(group.State);
            response.WriteString(group.ProtocolType);
            response.WriteString(group.ProtocolData);
            response.WriteArrayLength(group.Members.Count);
            foreach (var member in group.Members)
            {
                response.WriteString(member.MemberId);
                if (v >= 4)
                {
                    response.WriteString(member.GroupInstanceId);
                }

                response.WriteString(member.ClientId);
                response.WriteString(member.ClientHost);
                response.WriteBytes(member.Metadata);
                response.WriteBytes(member.Assignment);
            }

            if (v >= 3)
            {
                response.WriteInt32(includeOperations ? GroupOperations : int.MinValue);
            }
        }

        return new ValueTask<bool>(true);
    }
}
