using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>CreatePartitions v0-1: grows a topic; existing partitions and their data stay as they are.</summary>
internal sealed class CreatePartitionsHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.CreatePartitions;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 2;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var topics = new List<(string Name, int Count)>();
        var topicCount = reader.ReadArrayCount();
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            var count = reader.ReadInt32();
            var assignments = reader.ReadArrayCount();
            for (var a = 0; a < assignments; a++)
            {
                var brokers = reader.ReadArrayCount();
                for (var b = 0; b < brokers; b++)
                {
                    reader.ReadInt32();
                }
            }

            topics.Add((name, count));
        }

        reader.ReadInt32();
        var validateOnly = reader.ReadBool();
        response.WriteInt32(0);
        response.WriteArrayLength(topics.Count);
        foreach (var (name, count) in topics)
        {
            var error = broker.Topics.AddPartitions(name, count, validateOnly, out var message);
            response.WriteString(name);
            response.WriteInt16(error);
            response.WriteString(message);
        }

        return new ValueTask<bool>(true);
    }
}
