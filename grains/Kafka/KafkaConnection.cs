using Confluent.Kafka;

namespace OrleansStreams.Grains.Kafka;

/// <summary>
/// How this silo reaches Kafka: the bootstrap servers, the client properties the operator set
/// (security settings and the like, passed to Confluent.Kafka unchanged) and the prefix of group
/// and transactional ids.
/// </summary>
internal sealed record KafkaConnection(string BootstrapServers, string GroupIdPrefix, IReadOnlyDictionary<string, string> ClientProperties)
{
    /// <summary>The consumer group that stores a pipeline's input offsets.</summary>
    public string GroupIdOf(string pipeline) => $"{GroupIdPrefix}.{pipeline}";

    /// <summary>The transactional id of a pipeline partition's committer; stable across restarts.</summary>
    public string TransactionalIdOf(string pipeline, int partition) => $"{GroupIdPrefix}.{pipeline}.{partition}";

    public ProducerConfig Producer(string? transactionalId, TimeSpan transactionTimeout)
    {
        var common = WithCommon();
        common.TryAdd("linger.ms", "5");
        common.TryAdd("compression.type", "lz4");
        var config = new ProducerConfig(common)
        {
            EnableIdempotence = true,
            Acks = Acks.All,
        };
        if (transactionalId is not null)
        {
            config.TransactionalId = transactionalId;
            config.TransactionTimeoutMs = (int)transactionTimeout.TotalMilliseconds;
        }

        return config;
    }

    public ConsumerConfig Consumer(string groupId) => new(WithCommon())
    {
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        IsolationLevel = IsolationLevel.ReadCommitted,
        AllowAutoCreateTopics = false,
    };

    public AdminClientConfig Admin() => new(WithCommon());

    private Dictionary<string, string> WithCommon()
    {
        var properties = new Dictionary<string, string>(ClientProperties, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BootstrapServers,
        };
        properties.TryAdd("client.id", "orleans-streams");
        properties.TryAdd("log.connection.close", "false");
        return properties;
    }
}
