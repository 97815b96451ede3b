using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>EndTxn v0-1: commit or abort; markers are written to every partition of the transaction before the answer.</summary>
internal sealed class EndTxnHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.EndTxn;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var transactionalId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var producerEpoch = reader.ReadInt16();
        var commit = reader.ReadBool();
        var error = broker.Transactions.EndTransaction(transactionalId, producerId, producerEpoch, commit);
        response.WriteInt32(0);
        response.WriteInt16(error);
        return new ValueTask<bool>(true);
    }
}
