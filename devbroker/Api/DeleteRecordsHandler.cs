using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>DeleteRecords v0-1: moves the log start offset; records below it can no longer be fetched.</summary>
internal sealed class DeleteRecordsHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.DeleteRecords;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 2;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var topicCount = reader.ReadArrayCount();
        var topics = new List<(string Name, List<(int Partition, long Offset)> Partitions)>();
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            var partitions = new List<(int, long)>();
            var partitionCount = reader.ReadArrayCount();
            for (var p = 0; p < partitionCount; p++)
            {
                partitions.Add((reader.ReadInt32(), reader.ReadInt64()));
            }

            topics.Add((name, partitions));
        }

        response.WriteInt32(0);
        response.WriteArrayLength(topics.Count);
        foreach (var (name, partitions) in topics)
        {
            response.WriteString(name);
            response.WriteArrayLength(partitions.Count);
            foreach (var (partition, offset) in partitions)
            {
                var error = broker.Topics.DeleteRecords(new TopicPartition(name, partition), offset, out var lowWatermark);
                response.WriteInt32(partition);
                response.WriteInt64(lowWatermark);
                response.WriteInt16(error);
            }
        }

        return new ValueTask<bool>(true);
    }
}
