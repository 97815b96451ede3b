using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>InitProducerId v0-4 (v2+ flexible; v3+ carries the current producer id/epoch for KIP-360 epoch bumps).</summary>
internal sealed class InitProducerIdHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.InitProducerId;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => 2;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var transactionalId = reader.ReadNullableString();
        var timeoutMs = reader.ReadInt32();
        var producerId = v >= 3 ? reader.ReadInt64() : -1;
        var producerEpoch = v >= 3 ? reader.ReadInt16() : (short)-1;
        var (error, id, epoch) = broker.Transactions.InitProducerId(transactionalId, timeoutMs, producerId, producerEpoch, v);
        response.WriteInt32(0);
        response.WriteInt16(error);
        response.WriteInt64(id);
        response.WriteInt16(epoch);
        response.WriteTags();
        return new ValueTask<bool>(true);
    }
}
