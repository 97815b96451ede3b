using Confluent.Kafka;

namespace OrleansStreams.Generation;

/// <summary>
/// Produces sensor readings for the demo pipeline at a steady rate, resuming the count where earlier
/// runs stopped (the records already in the topic count toward <see cref="GeneratorOptions.Total"/>).
/// </summary>
public sealed class SensorReadingGenerator
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);
    private readonly ProducerConfig _config;
    private readonly IReadOnlyDictionary<string, string> _client;
    private readonly GeneratorOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<GeneratorProgress> _progress;

    /// <summary>Creates a generator.</summary>
    /// <param name="bootstrapServers">Kafka bootstrap servers.</param>
    /// <param name="options">What to produce.</param>
    /// <param name="time">The clock (event times follow it).</param>
    /// <param name="progress">Called every few seconds and at the end.</param>
    /// <param name="clientProperties">
    /// librdkafka properties for its clients (security settings and the like), as <c>Kafka:Client</c>
    /// gives them to the silo; <c>linger.ms</c> and <c>compression.type</c> among them replace the defaults.
    /// </param>
    public SensorReadingGenerator(string bootstrapServers, GeneratorOptions options, TimeProvider time, Action<GeneratorProgress> progress, IReadOnlyDictionary<string, string>? clientProperties = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time;
        _progress = progress;
        _client = clientProperties ?? new Dictionary<string, string>();
        var producer = With(new() { ["linger.ms"] = "5", ["compression.type"] = "lz4", ["client.id"] = "orleans-streams-generator" });
        _config = new ProducerConfig(producer)
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
        };
    }

    /// <summary>The producer's configuration (for tests).</summary>
    internal ProducerConfig Config => _config;

    /// <summary>Produces until <see cref="GeneratorOptions.Total"/> records are in the topic or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops the generator.</param>
    /// <returns>Records produced by this run.</returns>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var (already, latestEventTime) = ReadTopicEnd();
        var factory = new SensorReadingFactory(_options);
        using var producer = new ProducerBuilder<byte[]?, byte[]>(_config).SetLogHandler((_, _) => { }).Build();
        long acknowledged = 0, failed = 0, sent = 0, lastReported = 0;
        Error? fatal = null;
        var started = _time.GetTimestamp();
        var lastReport = started;
        // A resumed run continues event time where the topic ends, even when earlier runs ran it ahead of the clock.
        var eventBase = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), latestEventTime + 1);
        var toSend = _options.Total == 0 ? long.MaxValue : Math.Max(0, _options.Total - already);

        while (sent < toSend && !cancellationToken.IsCancellationRequested)
        {
            var elapsed = _time.GetElapsedTime(started);
            var due = _options.Rate == 0 ? sent + 1000 : (long)(elapsed.TotalSeconds * _options.Rate) + 1;
            for (; sent < Math.Min(due, toSend) && !cancellationToken.IsCancellationRequested; sent++)
            {
                var eventTime = _options.Rate == 0
                    ? eventBase + (long)(_time.GetElapsedTime(started).TotalMilliseconds * _options.EventTimeSpeed)
                    : eventBase + (long)(sent * 1000.0 * _options.EventTimeSpeed / _options.Rate);
                var (key, value, timestamp) = factory.Next(eventTime);
                var message = new Message<byte[]?, byte[]> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) };
                Produce(producer, _options.Topic, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref failed);
                        if (report.Error.IsFatal)
                        {
                            fatal = report.Error;
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref acknowledged);
                    }
                });
            }

            if (fatal is not null)
            {
                throw new KafkaException(fatal);
            }

            if (_time.GetElapsedTime(lastReport) >= ReportEvery)
            {
                var done = Interlocked.Read(ref acknowledged);
                _progress(new GeneratorProgress(done, already + done, _options.Total, (done - lastReported) / _time.GetElapsedTime(lastReport).TotalSeconds));
                lastReport = _time.GetTimestamp();
                lastReported = done;
            }

            if (_options.Rate > 0 && sent < toSend)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), _time, CancellationToken.None);
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        var total = Interlocked.Read(ref acknowledged);
        _progress(new GeneratorProgress(total, already + total, _options.Total, 0));
        return Interlocked.Read(ref failed) > 0
            ? throw new KafkaException(new Error(ErrorCode.Local_Fail, $"{failed} records were not acknowledged"))
            : total;
    }

    private static void Produce(IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> handler)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, handler);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    /// <summary>The records already in the topic, and the latest event time among the last records of each partition.</summary>
    private (long Records, long LatestEventTime) ReadTopicEnd()
    {
        const int TailRecords = 100;
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig(With([])) { BootstrapServers = _config.BootstrapServers, GroupId = "orleans-streams-generator", EnableAutoCommit = false })
            .SetLogHandler((_, _) => { }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig(With([])) { BootstrapServers = _config.BootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var topic = admin.GetMetadata(_options.Topic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault();
        if (topic is null || topic.Error.IsError)
        {
            return (0, long.MinValue);
        }

        var ends = topic.Partitions.ToDictionary(
            p => p.PartitionId,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(_options.Topic, p.PartitionId), TimeSpan.FromSeconds(10)));
        var tails = ends.Where(e => e.Value.High.Value > e.Value.Low.Value).ToList();
        var latest = long.MinValue;
        consumer.Assign(tails.Select(e => new TopicPartitionOffset(_options.Topic, e.Key, Math.Max(e.Value.Low.Value, e.Value.High.Value - TailRecords))));
        var pending = tails.Select(e => e.Key).ToHashSet();
        var deadline = _time.GetTimestamp();
        while (pending.Count > 0 && _time.GetElapsedTime(deadline) < TimeSpan.FromSeconds(10))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null)
            {
                continue;
            }

            latest = Math.Max(latest, result.Message.Timestamp.UnixTimestampMs);
            if (result.Offset.Value >= ends[result.Partition.Value].High.Value - 1)
            {
                pending.Remove(result.Partition.Value);
            }
        }

        return (ends.Values.Sum(e => e.High.Value), latest);
    }

    /// <summary>The client properties over <paramref name="defaults"/>: the caller's win.</summary>
    private Dictionary<string, string> With(Dictionary<string, string> defaults)
    {
        foreach (var (key, value) in _client)
        {
            defaults[key] = value;
        }

        return defaults;
    }
}
