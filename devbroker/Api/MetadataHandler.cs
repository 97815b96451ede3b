using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>Metadata v1-8: the single broker (also controller), topics and partitions; auto-creates topics when allowed.</summary>
internal sealed class MetadataHandler(BrokerContext broker) : IApiHandler
{
    internal const int TopicOperations = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 11);
    private const int ClusterOperations = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);

    public ApiKey Key => ApiKey.Metadata;

    public short MinVersion => 1;

    public short MaxVersion => 8;

    public short FirstFlexibleVersion => 9;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var count = reader.ReadArrayCount();
        List<string>? requested = null;
        if (count >= 0)
        {
            requested = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                requested.Add(reader.ReadString());
            }
        }

        var allowAutoCreate = v < 4 || reader.ReadBool();
        var includeClusterOperations = v >= 8 && reader.ReadBool();
        var includeTopicOperations = v >= 8 && reader.ReadBool();

        if (v >= 3)
        {
            response.WriteInt32(0);
        }

        var node = broker.Node;
        response.WriteArrayLength(1);
        response.WriteInt32(node.NodeId);
        response.WriteString(node.Host);
        response.WriteInt32(node.Port);
        response.WriteString(null);
        if (v >= 2)
        {
            response.WriteString(node.ClusterId);
        }

        response.WriteInt32(node.NodeId);
        if (requested is null)
        {
            var all = broker.Topics.All.ToList();
            response.WriteArrayLength(all.Count);
            foreach (var topic in all)
            {
                WriteTopic(response, v, topic.Name, topic, ErrorCodes.None, includeTopicOperations);
            }
        }
        else
        {
            response.WriteArrayLength(requested.Count);
            foreach (var name in requested)
            {
                var topic = allowAutoCreate ? broker.Topics.GetOrAutoCreate(name) : (broker.Topics.TryGet(name, out var t) ? t : null);
                var error = topic is not null ? ErrorCodes.None
                    : TopicNames.IsValid(name) ? ErrorCodes.UnknownTopicOrPartition : ErrorCodes.InvalidTopic;
                WriteTopic(response, v, name, topic, error, includeTopicOperations);
            }
        }

        if (v >= 8)
        {
            response.WriteInt32(includeClusterOperations ? ClusterOperations : int.MinValue);
        }

        return new ValueTask<bool>(true);
    }

    private void WriteTopic(KafkaWriter response, short v, string name, Topic? topic, short error, bool includeOperations)
    {
        response.WriteInt16(error);
        response.WriteString(name);
        response.WriteBool(false);
        var partitions = topic?.Partitions ?? [];
        response.WriteArrayLength(partitions.Length);
        var nodeId = broker.Node.NodeId;
        for (var p = 0; p < partitions.Length; p++)
        {
            response.WriteInt16(ErrorCodes.None);
            response.WriteInt32(p);
            response.WriteInt32(nodeId);
            if (v >= 7)
            {
                response.WriteInt32(0);
            }

            response.WriteArrayLength(1);
            response.WriteInt32(nodeId);
            response.WriteArrayLength(1);
            response.WriteInt32(nodeId);
            if (v >= 5)
            {
                response.WriteArrayLength(0);
            }
        }

        if (v >= 8)
        {
            response.WriteInt32(includeOperations ? TopicOperations : int.MinValue);
        }
    }
}
