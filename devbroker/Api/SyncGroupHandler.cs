using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>SyncGroup v0-3: the leader hands in assignments; every member parks until they arrive.</summary>
internal sealed class SyncGroupHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.SyncGroup;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 4;

    public async ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var (groupId, generationId, memberId, assignments) = Parse(request);
        var result = await broker.Groups.SyncAsync(groupId, generationId, memberId, assignments).WaitAsync(cancellationToken);
        if (request.ApiVersion >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteInt16(result.ErrorCode);
        response.WriteBytes(result.Assignment);
        return true;
    }

    private static (string GroupId, int GenerationId, string MemberId, Dictionary<string, byte[]> Assignments) Parse(RequestContext request)
    {
        var reader = request.CreateReader();
        var groupId = reader.ReadString();
        var generationId = reader.ReadInt32();
        var memberId = reader.ReadString();
        if (request.ApiVersion >= 3)
        {
            reader.ReadNullableString();
        }

        var count = reader.ReadArrayCount();
        var assignments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            assignments[reader.ReadString()] = reader.ReadBytes();
        }

        return (groupId, generationId, memberId, assignments);
    }
}
