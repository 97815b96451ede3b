using OrleansStreams.Pipelines;

using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Grains.Committer;

/// <summary>Opens <see cref="KafkaEpochSink"/>s on this silo's Kafka connection.</summary>
internal sealed class KafkaEpochSinkFactory(KafkaConnection kafka, CommitterOptions options) : IEpochSinkFactory
{
    public IEpochSink Open(PipelineDefinition pipeline, int partition) => new KafkaEpochSink(kafka, pipeline, partition, options);
}
