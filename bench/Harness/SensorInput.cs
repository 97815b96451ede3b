using System.Diagnostics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansStreams.Generation;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// Fills an input topic with the load generator's sensor readings (<see cref="SensorReadingFactory"/>:
/// Zipf-skewed keys <c>sensor-NNNNN</c>, <c>{"value": x}</c>), keyed so each key stays on one partition,
/// as fast as the broker takes them. Event time advances by a fixed step per record, so the input and
/// every window in it are the same in every run.
/// </summary>
internal static class SensorInput
{
    public static async Task CreateTopicAsync(string bootstrap, string topic, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }

    /// <summary>Produces <paramref name="records"/> readings spread over <paramref name="eventSpan"/> of event time; returns records/s.</summary>
    public static double Produce(string bootstrap, string topic, int records, GeneratorOptions options, TimeSpan eventSpan)
    {
        var factory = new SensorReadingFactory(options);
        using var producer = Producer(bootstrap);
        var failed = 0L;
        var eventBase = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - (long)eventSpan.TotalMilliseconds;
        var step = eventSpan.TotalMilliseconds / records;
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        for (var i = 0; i < records; i++)
        {
            var (key, value, timestamp) = factory.Next(eventBase + (long)(i * step));
            Produce(producer, topic, new Message<byte[]?, byte[]> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) }, r =>
            {
                if (r.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            });
            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(5))
            {
                lastReport = Stopwatch.GetTimestamp();
                Console.Error.WriteLine($"  producing: {i:N0} of {records:N0} records");
            }
        }

        if (producer.Flush(TimeSpan.FromMinutes(2)) != 0 || Interlocked.Read(ref failed) != 0)
        {
            throw new InvalidOperationException($"{failed} input records failed or were not acknowledged");
        }

        return records / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    public static IProducer<byte[]?, byte[]> Producer(string bootstrap) =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            QueueBufferingMaxMessages = 1_000_000,
            SocketNagleDisable = true,
        }).SetLogHandler((_, _) => { }).Build();

    public static void Produce(IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> handler)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, handler);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>Every partition's high watermark: the end of the input.</summary>
    public static long[] EndOffsets(string bootstrap, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-watermarks" }).Build();
        return [.. Enumerable.Range(0, partitions).Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)];
    }
}
