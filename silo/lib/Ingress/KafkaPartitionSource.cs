using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>
/// A Confluent.Kafka consumer with a manual assignment of one partition, polled on a dedicated
/// thread (never on the Orleans scheduler), delivering chunks into a bounded channel.
/// </summary>
internal sealed class KafkaPartitionSource : IPartitionSource
{
    private readonly Channel<ConsumedRecord[]> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly ErrorLogThrottle _errorThrottle = new(TimeSpan.FromSeconds(30));
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly string _topic;
    private readonly int _partition;
    private readonly int _maxChunk;
    private readonly ILogger _logger;

    public KafkaPartitionSource(ConsumerConfig config, string topic, int partition, long startOffset, int channelChunks, int maxChunk, ILogger logger)
    {
        _topic = topic;
        _partition = partition;
        _maxChunk = maxChunk;
        _logger = logger;
        _channel = Channel.CreateBounded<ConsumedRecord[]>(new BoundedChannelOptions(channelChunks)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, e) =>
            {
                if (_errorThrottle.ShouldLog(e.Code.ToString(), out var suppressed))
                {
                    IngressLog.ConsumerError(logger, topic, partition, e.Code.ToString(), e.Reason, e.IsFatal, suppressed);
                }
            })
            .SetLogHandler((_, m) => { })
            .Build();
        var start = startOffset >= 0 ? new Offset(startOffset) : Offset.Unset;
        _consumer.Assign(new TopicPartitionOffset(topic, partition, start));
        _thread = new Thread(Run) { IsBackground = true, Name = $"consumer {topic}/{partition}" };
        _thread.Start();
    }

    public ChannelReader<ConsumedRecord[]> Records => _channel.Reader;

    public long HighWatermark { get; private set; } = -1;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.Run(() => _thread.Join(TimeSpan.FromSeconds(10)));
        try
        {
            _consumer.Close();
        }
        catch (KafkaException)
        {
            // Closing a consumer that lost its broker is best effort; nothing was committed through it.
        }

        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var chunk = new List<ConsumedRecord>(_maxChunk);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(chunk.Count == 0 ? 100 : 0));
                if (result is not null && !result.IsPartitionEOF)
                {
                    chunk.Add(Convert(result));
                    if (chunk.Count < _maxChunk)
                    {
                        continue;
                    }
                }

                if (chunk.Count > 0)
                {
                    HighWatermark = _consumer.GetWatermarkOffsets(new TopicPartition(_topic, _partition)).High.Value;
                    Deliver(chunk.ToArray());
                    chunk.Clear();
                }
            }

            _channel.Writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            _channel.Writer.TryComplete();
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException or InvalidOperationException)
        {
            IngressLog.ConsumerFailed(_logger, _topic, _partition, e);
            _channel.Writer.TryComplete(e);
        }
    }

    private void Deliver(ConsumedRecord[] chunk)
    {
        var writer = _channel.Writer;
        while (!writer.TryWrite(chunk))
        {
            // Full: the dispatcher is behind. Wait here, on our own thread, which stops reading.
            if (!writer.WaitToWriteAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }

    private static ConsumedRecord Convert(ConsumeResult<byte[], byte[]> result)
    {
        var message = result.Message;
        RecordHeader[]? headers = null;
        if (message.Headers is { Count: > 0 } source)
        {
            headers = new RecordHeader[source.Count];
            for (var i = 0; i < source.Count; i++)
            {
                headers[i] = new RecordHeader(source[i].Key, source[i].GetValueBytes());
            }
        }

        var timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? -1 : message.Timestamp.UnixTimestampMs;
        return new ConsumedRecord(result.Offset.Value, timestamp, message.Key, message.Value, headers);
    }
}
