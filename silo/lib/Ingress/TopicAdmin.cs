using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Ingress;

/// <summary>The silo's Kafka admin client: partition counts of topics (cached briefly), creation of missing topics, broker reachability.</summary>
internal sealed class TopicAdmin : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly IAdminClient _admin;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (int Partitions, long At)> _counts = new(StringComparer.Ordinal);

    public TopicAdmin(KafkaConnection kafka, TimeProvider time)
    {
        _time = time;
        _admin = new AdminClientBuilder(kafka.Admin()).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>The topic's partition count, or -1 when the topic does not exist. Blocks up to <paramref name="timeout"/>.</summary>
    public int PartitionCount(string topic, TimeSpan timeout)
    {
        if (_counts.TryGetValue(topic, out var cached) && _time.GetElapsedTime(cached.At) < CacheFor)
        {
            return cached.Partitions;
        }

        var metadata = _admin.GetMetadata(topic, timeout);
        var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        var count = found is null || found.Error.IsError || found.Partitions.Count == 0 ? -1 : found.Partitions.Count;
        _counts[topic] = (count, _time.GetTimestamp());
        return count;
    }

    /// <summary>How many brokers answer a metadata request; blocks up to <paramref name="timeout"/>.</summary>
    /// <exception cref="KafkaException">No broker answered in time.</exception>
    public int BrokerCount(TimeSpan timeout) => _admin.GetMetadata(timeout).Brokers.Count;

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions unless it exists.</summary>
    public async Task EnsureTopicAsync(string topic, int partitions)
    {
        try
        {
            await _admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions }]);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
            // Someone created it first.
        }

        _counts.TryRemove(topic, out _);
    }

    public void Dispose() => _admin.Dispose();
}
