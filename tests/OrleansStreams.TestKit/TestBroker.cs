using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansStreams.DevBroker;

namespace OrleansStreams.TestKit;

/// <summary>
/// The dev broker, in the test process, on an ephemeral port with a temporary data directory.
/// It can be restarted on the same port and directory mid-test.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly DevBrokerOptions _options;
    private DevBroker.DevBroker? _broker;

    private TestBroker(DevBrokerOptions options) => _options = options;

    public string BootstrapServers { get; private set; } = string.Empty;

    public string DataDirectory => _options.DataDirectory;

    public static async Task<TestBroker> StartAsync(int defaultPartitions = 1)
    {
        var options = new DevBrokerOptions
        {
            DataDirectory = Directory.CreateTempSubdirectory("orleans-streams-broker-").FullName,
            DefaultPartitions = defaultPartitions,
        };
        var broker = new TestBroker(options);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Stops the broker (clients see it go away).</summary>
    public async Task StopAsync()
    {
        if (_broker is not null)
        {
            await _broker.StopAsync();
            await _broker.DisposeAsync();
            _broker = null;
        }
    }

    /// <summary>Starts the broker again on the same port and data directory.</summary>
    public async Task StartAgainAsync()
    {
        _broker = await DevBroker.DevBroker.StartAsync(_options);
        _options.Port = _broker.Port;
        BootstrapServers = _broker.BootstrapServers;
    }

    public async Task CreateTopicAsync(string topic, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions }]);
    }

    /// <summary>Produces keyed records (the default partitioner keeps a key on one partition) and waits for every acknowledgement.</summary>
    public Task ProduceAsync(string topic, IEnumerable<(string? Key, string Value, long Timestamp)> records) =>
        ProduceRawAsync(topic, records.Select(r => (r.Key is null ? null : System.Text.Encoding.UTF8.GetBytes(r.Key), (byte[]?)System.Text.Encoding.UTF8.GetBytes(r.Value), r.Timestamp)));

    /// <summary>Produces records as raw bytes and waits for every acknowledgement.</summary>
    public async Task ProduceRawAsync(string topic, IEnumerable<(byte[]? Key, byte[]? Value, long Timestamp)> records)
    {
        var config = new ProducerConfig { BootstrapServers = BootstrapServers, EnableIdempotence = true, LingerMs = 5 };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        var failed = 0;
        foreach (var (key, value, timestamp) in records)
        {
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) }, r =>
            {
                if (r.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(60)));
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} test records were not acknowledged");
        }
    }

    /// <summary>Sum over partitions of (high watermark - committed offset) for a consumer group.</summary>
    public long Lag(string groupId, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = groupId }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        return partitions.Sum(p =>
        {
            var high = consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value;
            var at = committed.Single(c => c.TopicPartition == p).Offset;
            return high - (at.IsSpecial ? 0 : at.Value);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
