using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace OrleansStreams.Bench.Broker;

/// <summary>The producer and consumer of the broker benchmark, identical for both brokers.</summary>
internal static class ThroughputClients
{
    /// <summary>Produces every record (acks=all) and returns records/s from the first send to the last acknowledgement.</summary>
    public static double Produce(string bootstrap, string topic, BenchSettings settings)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            CompressionType = settings.Compression,
            LingerMs = 5,
            BatchSize = 1_000_000,
            QueueBufferingMaxMessages = 2_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            SocketNagleDisable = true,
        }).Build();
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < settings.Records; i++)
        {
            producer.Produce(new TopicPartition(topic, i % settings.Partitions), new Message<Null, byte[]> { Value = Value(i, settings.RecordSize) }, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        }

        if (producer.Flush(TimeSpan.FromMinutes(2)) != 0 || failed != 0)
        {
            throw new InvalidOperationException($"{failed} records failed or were not acknowledged on {bootstrap}");
        }

        return settings.Records / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Consumes every record from the beginning of each partition, checks all arrived, returns records/s.</summary>
    public static double Consume(string bootstrap, string topic, BenchSettings settings)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"bench-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            SocketNagleDisable = true,
        }).Build();
        consumer.Assign(Enumerable.Range(0, settings.Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var seen = new bool[settings.Records];
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        while (count < settings.Records)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(10))
                ?? throw new InvalidOperationException($"{settings.Records - count} records missing on {bootstrap} (the mock keeps ~5 MiB per partition)");
            var index = int.Parse(Encoding.ASCII.GetString(result.Message.Value, 0, 9), System.Globalization.CultureInfo.InvariantCulture);
            if (!seen[index])
            {
                seen[index] = true;
                count++;
            }
        }

        return settings.Records / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>A record: its 9-digit index, then repetitive text (compressible, like most real payloads).</summary>
    private static byte[] Value(int index, int size)
    {
        var value = new byte[Math.Max(size, 10)];
        Encoding.ASCII.GetBytes(index.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), value);
        for (var i = 9; i < value.Length; i++)
        {
            value[i] = (byte)('a' + ((i + index) % 26));
        }

        return value;
    }
}
