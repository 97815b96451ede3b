using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// CreateTopics v0-4 (v4: -1 partitions / replication factor = broker defaults). One node means a
/// replication factor above 1 is refused, as Kafka does.
/// </summary>
internal sealed class CreateTopicsHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.CreateTopics;

    public short MinVersion => 0;

    public short MaxVersion => 4;

    public short FirstFlexibleVersion => 5;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var topicCount = reader.ReadArrayCount();
        var topics = new List<(string Name, int Partitions, short Replication, List<int[]> Assignments, Dictionary<string, string?> Configs)>();
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            var partitions = reader.ReadInt32();
            var replication = reader.ReadInt16();
            var assignments = new List<int[]>();
            var assignmentCount = reader.ReadArrayCount();
            for (var a = 0; a < assignmentCount; a++)
            {
                reader.ReadInt32();
                var brokers = new int[Math.Max(reader.ReadArrayCount(), 0)];
                for (var b = 0; b < brokers.Length; b++)
                {
                    brokers[b] = reader.ReadInt32();
                }

                assignments.Add(brokers);
            }

            var configs = new Dictionary<string, string?>(StringComparer.Ordinal);
            var configCount = reader.ReadArrayCount();
            for (var c = 0; c < configCount; c++)
            {
                configs[reader.ReadString()] = reader.ReadNullableString();
            }

            topics.Add((name, partitions, replication, assignments, configs));
        }

        reader.ReadInt32();
        var validateOnly = v >= 1 && reader.ReadBool();
        if (v >= 2)
        {
            response.WriteInt32(0);
        }

        response.WriteArrayLength(topics.Count);
        foreach (var topic in topics)
        {
            var (error, message) = topics.Count(t => t.Name == topic.Name) > 1
                ? (ErrorCodes.InvalidRequest, "Create topics request from client contains multiple entries for the same topic.")
                : Create(topic.Name, topic.Partitions, topic.Replication, topic.Assignments, topic.Configs, validateOnly);
            response.WriteString(topic.Name);
            response.WriteInt16(error);
            if (v >= 1)
            {
                response.WriteString(message);
            }
        }

        return new ValueTask<bool>(true);
    }

    private (short, string?) Create(string name, int partitions, short replication, List<int[]> assignments, Dictionary<string, string?> configs, bool validateOnly)
    {
        if (assignments.Count > 0)
        {
            if (partitions != -1 || replication != -1)
            {
                return (ErrorCodes.InvalidRequest, "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
            }

            if (assignments.Any(brokers => brokers.Length != 1 || brokers[0] != broker.Node.NodeId))
            {
                return (ErrorCodes.InvalidReplicaAssignment, $"Every partition must be assigned to broker {broker.Node.NodeId} only.");
            }

            partitions = assignments.Count;
            replication = 1;
        }

        var error = broker.Topics.Create(name, partitions, replication, configs, validateOnly, out var message);
        return (error, message);
    }
}
