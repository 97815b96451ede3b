using System.Globalization;
using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>DescribeConfigs v0-2 for TOPIC (explicit configs with source 1, defaults with 5) and BROKER resources.</summary>
internal sealed class DescribeConfigsHandler(BrokerContext broker) : IApiHandler
{
    private const sbyte TopicResource = 2;
    private const sbyte BrokerResource = 4;
    private const sbyte DynamicTopicConfig = 1;
    private const sbyte StaticBrokerConfig = 4;
    private const sbyte DefaultConfig = 5;

    public ApiKey Key => ApiKey.DescribeConfigs;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => 4;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        var resources = new List<(sbyte Type, string Name, HashSet<string>? Keys)>();
        var count = reader.ReadArrayCount();
        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadInt8();
            var name = reader.ReadString();
            var keyCount = reader.ReadArrayCount();
            HashSet<string>? keys = keyCount < 0 ? null : new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < keyCount; k++)
            {
                keys!.Add(reader.ReadString());
            }

            resources.Add((type, name, keys));
        }

        var includeSynonyms = v >= 1 && reader.ReadBool();
        response.WriteInt32(0);
        response.WriteArrayLength(resources.Count);
        foreach (var (type, name, keys) in resources)
        {
            var (error, message, configs) = Describe(type, name);
            response.WriteInt16(error);
            response.WriteString(message);
            response.WriteInt8(type);
            response.WriteString(name);
            var selected = configs.Where(c => keys is null || keys.Contains(c.Name)).ToList();
            response.WriteArrayLength(selected.Count);
            foreach (var (configName, value, source) in selected)
            {
                response.WriteString(configName);
                response.WriteString(value);
                response.WriteBool(false);
                if (v == 0)
                {
                    response.WriteBool(source == DefaultConfig);
                }
                else
                {
                    response.WriteInt8(source);
                }

                response.WriteBool(false);
                if (v >= 1)
                {
                    response.WriteArrayLength(includeSynonyms ? 1 : 0);
                    if (includeSynonyms)
                    {
                        response.WriteString(configName);
                        response.WriteString(value);
                        response.WriteInt8(source);
                    }
                }
            }
        }

        return new ValueTask<bool>(true);
    }

    private (short Error, string? Message, List<(string Name, string Value, sbyte Source)> Configs) Describe(sbyte type, string name)
    {
        switch (type)
        {
            case TopicResource when broker.Topics.TryGet(name, out var topic):
                return (ErrorCodes.None, null, [.. TopicConfigs.Names.Order(StringComparer.Ordinal).Select(key =>
                    topic.Configs.TryGetValue(key, out var value)
                        ? (key, value, DynamicTopicConfig)
                        : (key, TopicConfigs.DefaultValue(key), DefaultConfig))]);
            case TopicResource:
                return (ErrorCodes.UnknownTopicOrPartition, $"Topic '{name}' does not exist.", []);
            case BrokerResource when name.Length == 0 || name == broker.Node.NodeId.ToString(CultureInfo.InvariantCulture):
                return (ErrorCodes.None, null, BrokerConfigs());
            case BrokerResource:
                return (ErrorCodes.InvalidRequest, $"Unexpected broker id, expected {broker.Node.NodeId} or empty string, but received {name}", []);
            default:
                return (ErrorCodes.InvalidRequest, $"Unsupported resource type {type}", []);
        }
    }

    private List<(string, string, sbyte)> BrokerConfigs()
    {
        var o = broker.Options;
        string S(long value) => value.ToString(CultureInfo.InvariantCulture);
        return
        [
            ("advertised.listeners", $"PLAINTEXT://{broker.Node.Address}", StaticBrokerConfig),
            ("auto.create.topics.enable", o.AutoCreateTopics ? "true" : "false", StaticBrokerConfig),
            ("broker.id", S(broker.Node.NodeId), StaticBrokerConfig),
            ("default.replication.factor", "1", DefaultConfig),
            ("group.initial.rebalance.delay.ms", S((long)o.GroupInitialRebalanceDelay.TotalMilliseconds), StaticBrokerConfig),
            ("group.max.session.timeout.ms", S((long)o.GroupMaxSessionTimeout.TotalMilliseconds), StaticBrokerConfig),
            ("listeners", $"PLAINTEXT://{broker.Node.Address}", StaticBrokerConfig),
            ("log.dirs", o.DataDirectory, StaticBrokerConfig),
            ("log.flush.interval.messages", o.Fsync ? "1" : S(long.MaxValue), StaticBrokerConfig),
            ("message.max.bytes", TopicConfigs.DefaultValue(TopicConfigs.MaxMessageBytes), DefaultConfig),
            ("min.insync.replicas", "1", DefaultConfig),
            ("node.id", S(broker.Node.NodeId), StaticBrokerConfig),
            ("num.partitions", S(o.DefaultPartitions), StaticBrokerConfig),
            ("offset.metadata.max.bytes", "4096", DefaultConfig),
            ("offsets.topic.replication.factor", "1", DefaultConfig),
            ("socket.request.max.bytes", S(o.MaxRequestBytes), StaticBrokerConfig),
            ("transaction.max.timeout.ms", S((long)o.TransactionTimeoutMax.TotalMilliseconds), StaticBrokerConfig),
            ("transaction.state.log.min.isr", "1", DefaultConfig),
            ("transaction.state.log.replication.factor", "1", DefaultConfig),
        ];
    }
}
