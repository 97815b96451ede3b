using System.Diagnostics;
using Confluent.Kafka;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// The baseline of the pipeline benchmarks: plain Confluent.Kafka consumers assigned to the input's
/// partitions from the beginning, with the partition agents' consumer settings (read_committed, the
/// same fetch sizes), reading key and value bytes until they have every record. Either one consumer
/// for all partitions, or one consumer (and thread) per partition, as the partition agents have.
/// </summary>
internal static class RawConsume
{
    public static Measurement Run(string bootstrap, string topic, int partitions, long records, int consumers = 1)
    {
        var cpu = CpuClock.Start();
        var started = Stopwatch.GetTimestamp();
        var counts = new long[consumers];
        var threads = Enumerable.Range(0, consumers).Select(i => new Thread(() =>
        {
            var assigned = Enumerable.Range(0, partitions).Where(p => p % consumers == i).ToList();
            counts[i] = ConsumeAll(bootstrap, topic, assigned, records);
        }) { Name = $"raw consumer {i}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var total = counts.Sum();
        return total == records
            ? new Measurement(total, Stopwatch.GetElapsedTime(started), cpu.Elapsed)
            : throw new InvalidOperationException($"raw consume: read {total:N0} records, expected {records:N0}");
    }

    private static long ConsumeAll(string bootstrap, string topic, List<int> partitions, long records)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"bench-raw-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            FetchMaxBytes = 16 * 1024 * 1024,
            MaxPartitionFetchBytes = 1024 * 1024,
            EnablePartitionEof = true,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        long count = 0, bytes = 0;
        var atEnd = new HashSet<int>();
        while (atEnd.Count < partitions.Count)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(30))
                ?? throw new InvalidOperationException($"raw consume: nothing more after {count:N0} records for 30 s");
            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
                continue;
            }

            atEnd.Remove(result.Partition.Value);
            bytes += result.Message.Value.Length + (result.Message.Key?.Length ?? 0);
            if (++count > records)
            {
                throw new InvalidOperationException($"raw consume: more records than the {records:N0} expected");
            }
        }

        consumer.Close();
        return count;
    }
}
