using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

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
    RecordTraces traces,
    ILoggerFactory loggers)
{
    private readonly AgentLimits _limits = new(
        kafkaSettings.MaxInFlight,
        kafkaSettings.MaxBatchRecords,
        kafkaSettings.MaxBufferedRecords,
        processing.CommitInterval,
        processing.CommitMaxRecords,
        processing.RetryBackoff,
        processing.CheckpointInterval);

    public PartitionAgent Create(PartitionId id)
    {
        var pipeline = pipelines.Get(id.Pipeline);
        var committer = new CommitterClient(grains.GetGrain<ICommitterGrain>($"{pipeline.Name}/{id.Partition}"));
        return new PartitionAgent(
            pipeline,
            id.Partition,
            sources,
            committer,
            Routers(pipeline, id.Partition),
            _limits,
            kafka.GroupIdOf(pipeline.Name),
            time,
            traces,
            loggers.CreateLogger<PartitionAgent>());
    }

    private Func<GenerationStart, AsyncSignal, IRecordRouter> Routers(PipelineDefinition pipeline, int partition)
    {
        if (pipeline is WindowedPipelineDefinition)
        {
            var id = PartitionStateGrainId.Of(pipeline.Name, partition);
            var state = grains.GetGrain<IPartitionStateGrain>(id);
            return (start, signal) => new PartitionStateRouter(state, id, start.Generation, _limits.MaxBatchRecords, signal);
        }

        var keyGrainInterface = pipeline.KeyGrainInterface!;
        var logger = loggers.CreateLogger<KeyGrainRouter>();
        return (start, signal) => new KeyGrainRouter(
            pipeline, partition, start, key => (IKeyGrain)grains.GetGrain(keyGrainInterface, pipeline.KeyGrainId(key)), _limits, signal, logger, silo.Name);
    }
}
