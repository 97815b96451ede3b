using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Keys;

namespace OrleansStreams.Ingress;

/// <summary>Creates partition agents wired to this silo's Kafka, grains and settings.</summary>
internal sealed class PartitionAgentFactory(
    IGrainFactory grains,
    IPartitionSourceFactory sources,
    KafkaConnection kafka,
    KafkaSettings kafkaSettings,
    ProcessingSettings processing,
    Grains.Pipelines.PipelineRegistry pipelines,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly AgentLimits _limits = new(
        kafkaSettings.MaxInFlight,
        kafkaSettings.MaxBatchRecords,
        kafkaSettings.MaxBufferedRecords,
        processing.CommitInterval,
        processing.CommitMaxRecords,
        processing.RetryBackoff);

    public PartitionAgent Create(PartitionId id)
    {
        var pipeline = pipelines.Get(id.Pipeline);
        var committer = new CommitterClient(grains.GetGrain<ICommitterGrain>($"{pipeline.Name}/{id.Partition}"));
        return new PartitionAgent(
            pipeline,
            id.Partition,
            sources,
            committer,
            key => (IKeyGrain)grains.GetGrain(pipeline.KeyGrainInterface, pipeline.KeyGrainId(key)),
            _limits,
            kafka.GroupIdOf(pipeline.Name),
            silo.Name,
            time,
            loggers.CreateLogger<PartitionAgent>());
    }
}
