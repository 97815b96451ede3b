using Confluent.Kafka;

namespace OrleansStreams.Client.Verification;

/// <summary>Reads a whole topic, every partition from the beginning to its current end.</summary>
public static class TopicReader
{
    /// <summary>Reads <paramref name="topic"/> to its end; an absent topic reads as empty.</summary>
    /// <param name="bootstrapServers">Kafka bootstrap servers.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="readCommitted">Whether to read only committed transactional records (as consumers of exactly-once output do).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="idleTimeout">How long reading may make no progress (broker unreachable) before it gives up; default 30 s.</param>
    /// <param name="progress">Called every 5 s with the records read so far (long reads show they are moving).</param>
    /// <param name="clientProperties">librdkafka properties for its clients (security settings and the like).</param>
    /// <returns>The records, per partition in offset order.</returns>
    /// <exception cref="TimeoutException">Nothing arrived from the broker for <paramref name="idleTimeout"/>.</exception>
    public static List<TopicRecord> ReadAll(
        string bootstrapServers,
        string topic,
        bool readCommitted,
        CancellationToken cancellationToken = default,
        TimeSpan? idleTimeout = null,
        Action<long>? progress = null,
        IReadOnlyDictionary<string, string>? clientProperties = null)
    {
        var idle = idleTimeout ?? TimeSpan.FromSeconds(30);
        var config = new ConsumerConfig(new Dictionary<string, string>(clientProperties ?? new Dictionary<string, string>()))
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"orleans-streams-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = readCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
            AllowAutoCreateTopics = false,
        };
        using var admin = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>(clientProperties ?? new Dictionary<string, string>())) { BootstrapServers = bootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault();
        var records = new List<TopicRecord>();
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            return records;
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        var pending = metadata.Partitions.Select(p => p.PartitionId).ToHashSet();
        consumer.Assign(pending.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var lastProgress = System.Diagnostics.Stopwatch.StartNew();
        var lastReport = System.Diagnostics.Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                if (lastProgress.Elapsed > idle)
                {
                    throw new TimeoutException($"reading {topic} from {bootstrapServers}: nothing arrived for {idle.TotalSeconds:0} s with {pending.Count} partitions not read to their end (is the broker running?)");
                }

                continue;
            }

            lastProgress.Restart();
            if (progress is not null && lastReport.Elapsed >= TimeSpan.FromSeconds(5))
            {
                progress(records.Count);
                lastReport.Restart();
            }

            if (result.IsPartitionEOF)
            {
                pending.Remove(result.Partition.Value);
                continue;
            }

            var message = result.Message;
            var headers = message.Headers?.Select(h => new KeyValuePair<string, byte[]?>(h.Key, h.GetValueBytes())).ToList() ?? [];
            var timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? -1 : message.Timestamp.UnixTimestampMs;
            records.Add(new TopicRecord(result.Partition.Value, result.Offset.Value, timestamp, message.Key, message.Value, headers));
        }

        consumer.Close();
        return records;
    }
}
