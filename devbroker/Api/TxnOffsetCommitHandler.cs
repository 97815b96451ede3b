using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// TxnOffsetCommit v0-3 (v3 flexible): offsets pending until the transaction commits. GenerationId -1
/// with MemberId "" (a manually assigned consumer) skips the membership check, as in Kafka.
/// </summary>
internal sealed class TxnOffsetCommitHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.TxnOffsetCommit;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var transactionalId = reader.ReadString();
        var groupId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var producerEpoch = reader.ReadInt16();
        var generationId = v >= 3 ? reader.ReadInt32() : -1;
        var memberId = v >= 3 ? reader.ReadString() : "";
        var instanceId = v >= 3 ? reader.ReadNullableString() : null;
        var topics = OffsetCommitCodec.ReadTopics(ref reader, hasLeaderEpoch: v >= 2);
        broker.Transactions.CommitOffsets(transactionalId, producerId, producerEpoch, groupId, generationId, memberId, instanceId,
            [.. topics.SelectMany(t => t.Entries)]);
        response.WriteInt32(0);
        OffsetCommitCodec.WriteResults(response, topics);
        response.WriteTags();
        return new ValueTask<bool>(true);
    }
}
