using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>JoinGroup v0-5: parks until the join phase completes (v4+ first answers MEMBER_ID_REQUIRED).</summary>
internal sealed class JoinGroupHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.JoinGroup;

    public short MinVersion => 0;

    public short MaxVersion => 5;

    public short FirstFlexibleVersion => 6;

    public async ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var join = Parse(request);
        var result = await broker.Groups.JoinAsync(join).WaitAsync(cancellationToken);
        if (v >= 2)
        {
            response.WriteInt32(0);
        }

        response.WriteInt16(result.ErrorCode);
        response.WriteInt32(result.GenerationId);
        response.WriteString(result.ProtocolName);
        response.WriteString(result.LeaderId);
        response.WriteString(result.MemberId);
        response.WriteArrayLength(result.Members.Count);
        foreach (var member in result.Members)
        {
            response.WriteString(member.MemberId);
            if (v >= 5)
            {
                response.WriteString(member.GroupInstanceId);
            }

            response.WriteBytes(member.Metadata);
        }

        return true;
    }

    private static JoinRequest Parse(RequestContext request)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var groupId = reader.ReadString();
        var sessionTimeout = reader.ReadInt32();
        var rebalanceTimeout = v >= 1 ? reader.ReadInt32() : sessionTimeout;
        var memberId = reader.ReadString();
        var instanceId = v >= 5 ? reader.ReadNullableString() : null;
        var protocolType = reader.ReadString();
        var count = reader.ReadArrayCount();
        var protocols = new List<GroupProtocol>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            protocols.Add(new GroupProtocol(reader.ReadString(), reader.ReadBytes()));
        }

        return new JoinRequest(groupId, sessionTimeout, rebalanceTimeout, memberId, instanceId, protocolType, protocols,
            request.ClientId ?? "", request.ClientHost, RequireKnownMemberId: v >= 4);
    }
}
