using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>FindCoordinator v0-2: this broker coordinates every group (key type 0) and transactional id (key type 1).</summary>
internal sealed class FindCoordinatorHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.FindCoordinator;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var key = reader.ReadString();
        var keyType = v >= 1 ? reader.ReadInt8() : (sbyte)0;
        var valid = key.Length > 0 && keyType is 0 or 1;
        if (v >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteInt16(valid ? ErrorCodes.None : ErrorCodes.InvalidRequest);
        if (v >= 1)
        {
            response.WriteString(valid ? null : "The coordinator key must be a non-empty group id or transactional id.");
        }

        var node = broker.Node;
        response.WriteInt32(valid ? node.NodeId : -1);
        response.WriteString(valid ? node.Host : "");
        response.WriteInt32(valid ? node.Port : -1);
        return new ValueTask<bool>(true);
    }
}
