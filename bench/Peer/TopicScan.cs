using Confluent.Kafka;

namespace OrleansStreams.Bench.Peer;

/// <summary>Streams every record of a topic, read_committed, from the beginning to the end of each partition, without keeping them.</summary>
internal static class TopicScan
{
    public static long ForEach(string bootstrap, string topic, int partitions, Action<ConsumeResult<byte[]?, byte[]?>> record)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"peer-check-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = IsolationLevel.ReadCommitted,
            FetchMaxBytes = 16 * 1024 * 1024,
            MaxPartitionFetchBytes = 4 * 1024 * 1024,
        }).SetLogHandler((_, _) => { }).Build();
        var pending = Enumerable.Range(0, partitions).ToHashSet();
        consumer.Assign(pending.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var count = 0L;
        var lastReport = System.Diagnostics.Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(30))
                ?? throw new TimeoutException($"reading {topic}: nothing for 30 s with {pending.Count} partitions not at their end");
            if (result.IsPartitionEOF)
            {
                pending.Remove(result.Partition.Value);
                continue;
            }

            record(result);
            if (++count % 100_000 == 0 && lastReport.Elapsed >= TimeSpan.FromSeconds(5))
            {
                lastReport.Restart();
                Console.Error.WriteLine($"  reading {topic}: {count:N0} records");
            }
        }

        consumer.Close();
        return count;
    }
}
