using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The Kafka <see cref="IEpochSink"/>: a producer (transactional in exactly-once mode, fencing older
/// producers of the same transactional id) and a consumer handle used only to read and commit the
/// partition's offsets in the pipeline's consumer group. At-least-once mode produces, waits for every
/// acknowledgement, then commits the offset.
/// </summary>
internal sealed class KafkaEpochSink : IEpochSink
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly IConsumer<byte[], byte[]> _offsets;
    private readonly PipelineDefinition _pipeline;
    private readonly int _partition;
    private readonly string _groupId;
    private readonly CommitterOptions _options;
    private readonly byte[] _pipelineBytes;
    private readonly byte[] _partitionBytes;

    public KafkaEpochSink(KafkaConnection kafka, PipelineDefinition pipeline, int partition, CommitterOptions options)
    {
        _pipeline = pipeline;
        _partition = partition;
        _options = options;
        _groupId = kafka.GroupIdOf(pipeline.Name);
        _pipelineBytes = Encoding.UTF8.GetBytes(pipeline.Name);
        _partitionBytes = Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture));
        var transactionalId = options.Guarantee == ProcessingGuarantee.ExactlyOnce ? kafka.TransactionalIdOf(pipeline.Name, partition) : null;
        _producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer(transactionalId, options.TransactionTimeout)).SetLogHandler((_, _) => { }).Build();
        _offsets = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer(_groupId)).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>Exactly-once: registers the transactional id (<c>InitTransactions</c>), aborting its open transaction and fencing older producers.</summary>
    public void Fence()
    {
        if (_options.Guarantee == ProcessingGuarantee.ExactlyOnce)
        {
            _producer.InitTransactions(_options.KafkaTimeout);
        }
    }

    public (long Offset, EpochMetadata Metadata) ReadCommitted()
    {
        var (offset, metadata) = OffsetCommits.ReadCommitted(_offsets, _pipeline.InputTopic, _partition, _options.KafkaTimeout);
        return offset < 0 ? (-1, EpochMetadata.None) : (offset, EpochMetadata.Parse(metadata));
    }

    public void Commit(long epoch, IReadOnlyList<OutputRecord> outputs, long endOffset, EpochMetadata metadata)
    {
        var epochBytes = Encoding.UTF8.GetBytes(epoch.ToString(CultureInfo.InvariantCulture));
        if (_options.Guarantee == ProcessingGuarantee.ExactlyOnce)
        {
            _producer.BeginTransaction();
            try
            {
                Produce(outputs, epochBytes, null);
                OffsetCommits.SendToTransaction(_producer, _groupId, _pipeline.InputTopic, _partition, endOffset, metadata.ToString(), _options.KafkaTimeout);
                _producer.CommitTransaction(_options.KafkaTimeout);
            }
            catch (KafkaException e) when (!e.Error.IsFatal)
            {
                TryAbort();
                throw;
            }

            return;
        }

        var failures = 0;
        Error? firstError = null;
        Produce(outputs, epochBytes, report =>
        {
            if (report.Error.IsError && Interlocked.Increment(ref failures) == 1)
            {
                firstError = report.Error;
            }
        });
        if (_producer.Flush(_options.KafkaTimeout) > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_TimedOut, "outputs were not acknowledged in time"));
        }

        if (failures > 0)
        {
            throw new KafkaException(firstError!);
        }

        OffsetCommits.Commit(_offsets, _pipeline.InputTopic, _partition, endOffset, metadata.ToString());
    }

    public void Dispose()
    {
        _producer.Dispose();
        _offsets.Dispose();
    }

    private void TryAbort()
    {
        try
        {
            _producer.AbortTransaction(_options.KafkaTimeout);
        }
        catch (KafkaException)
        {
            // The next generation's InitTransactions aborts whatever is left open.
        }
    }

    private void Produce(IReadOnlyList<OutputRecord> outputs, byte[] epochBytes, Action<DeliveryReport<byte[], byte[]>>? onDelivery)
    {
        foreach (var output in outputs)
        {
            var topic = _pipeline.TopicFor(output.Kind);
            if (topic is null)
            {
                continue;
            }

            var message = new Message<byte[], byte[]>
            {
                Key = output.Key!,
                Value = output.Value!,
                Timestamp = new Timestamp(output.Timestamp, TimestampType.CreateTime),
                Headers = Headers(output, epochBytes),
            };
            while (true)
            {
                try
                {
                    _producer.Produce(topic, message, onDelivery);
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    _producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }
    }

    private Headers Headers(in OutputRecord output, byte[] epochBytes)
    {
        var headers = new Headers();
        foreach (var header in output.Headers ?? [])
        {
            headers.Add(header.Key, header.Value);
        }

        headers.Add(StreamHeaders.Pipeline, _pipelineBytes);
        headers.Add(StreamHeaders.SourcePartition, _partitionBytes);
        headers.Add(StreamHeaders.CausingOffset, Encoding.UTF8.GetBytes(output.CausingOffset.ToString(CultureInfo.InvariantCulture)));
        headers.Add(StreamHeaders.Epoch, epochBytes);
        return headers;
    }
}
