using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>AddPartitionsToTxn v0-1: partitions join the ongoing transaction before the producer writes to them.</summary>
internal sealed class AddPartitionsToTxnHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.AddPartitionsToTxn;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var transactionalId = reader.ReadString();
        var producerId = reader.ReadInt64();
        var producerEpoch = reader.ReadInt16();
        var partitions = new List<TopicPartition>();
        var topicCount = reader.ReadArrayCount();
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            var count = reader.ReadArrayCount();
            for (var p = 0; p < count; p++)
            {
                partitions.Add(new TopicPartition(name, reader.ReadInt32()));
            }
        }

        var errors = broker.Transactions.AddPartitions(transactionalId, producerId, producerEpoch, partitions);
        response.WriteInt32(0);
        var byTopic = partitions.Select((partition, i) => (partition, error: errors[i])).GroupBy(x => x.partition.Topic).ToList();
        response.WriteArrayLength(byTopic.Count);
        foreach (var topic in byTopic)
        {
            response.WriteString(topic.Key);
            response.WriteArrayLength(topic.Count());
            foreach (var (partition, error) in topic)
            {
                response.WriteInt32(partition.Partition);
                response.WriteInt16(error);
            }
        }

        return new ValueTask<bool>(true);
    }
}
