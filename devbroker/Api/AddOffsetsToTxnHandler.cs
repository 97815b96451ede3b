using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>AddOffsetsToTxn v0-1: the group's offsets become part of the ongoing transaction.</summary>
internal sealed class AddOffsetsToTxnHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.AddOffsetsToTxn;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var transactionalId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var producerEpoch = reader.ReadInt16();
        var groupId = reader.ReadString();
        var error = broker.Transactions.AddOffsets(transactionalId, producerId, producerEpoch, groupId);
        response.WriteInt32(0);
        response.WriteInt16(error);
        return new ValueTask<bool>(true);
    }
}
