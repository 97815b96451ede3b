using Microsoft.Extensions.Logging;
using Orleans.Placement;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Grains.Results;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;
using OrleansStreams.Storage;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// Hosts the <see cref="EpochCommitter"/> of one input partition: on activation it puts together the
/// partition's state side (the partition state grain of a windowed pipeline, or the key grains of a
/// pipeline with its own key grain), its epoch sink and, when the pipeline publishes results, the
/// results stream. Placed on the caller's silo, which is the partition agent's.
/// </summary>
[PreferLocalPlacement]
internal sealed class CommitterGrain(
    [PersistentState("committer", StorageNames.State)] IPersistentState<CommitterState> state,
    PipelineRegistry pipelines,
    IEpochSinkFactory sinks,
    CommitterOptions options,
    IKeyStateStore store,
    OrleansStreamsMetrics metrics,
    ILogger<CommitterGrain> logger) : Grain, ICommitterGrain
{
    private EpochCommitter _committer = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var (name, partitionText) = PipelineRegistry.SplitGrainId(id);
        var pipeline = pipelines.Get(name);
        var partition = int.Parse(partitionText, System.Globalization.CultureInfo.InvariantCulture);
        IEpochState epochState;
        ResultPublisher? results = null;
        if (pipeline is WindowedPipelineDefinition windowed)
        {
            var stateGrain = GrainFactory.GetGrain<IPartitionStateGrain>(PartitionStateGrainId.Of(pipeline.Name, partition));
            epochState = new CheckpointedEpochState(id, pipeline.Name, partition, stateGrain, store, metrics, logger);
            if (windowed.PublishResults)
            {
                var stream = this.GetStreamProvider(ResultStreams.ProviderName)
                    .GetStream<PublishedResult>(StreamId.Create(pipeline.Name, ResultStreams.StreamKeyOf(partition)));
                results = new ResultPublisher(batch => stream.OnNextBatchAsync(batch), partition, id, metrics.Time, logger);
            }
        }
        else
        {
            epochState = new KeyGrainEpochState(pipeline, partition, GrainFactory, state, options.FlushConcurrency);
        }

        _committer = new EpochCommitter(id, pipeline, partition, epochState, sinks, store, results, options, metrics, logger);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _committer.Stop();
        return Task.CompletedTask;
    }

    public Task<GenerationStart> BeginGeneration() => _committer.BeginGenerationAsync();

    public Task<EpochOutcome> CommitEpoch(EpochPlan plan) => _committer.CommitEpochAsync(plan);

    public async Task Release(long generation)
    {
        if (await _committer.ReleaseAsync(generation))
        {
            this.DeactivateOnIdle();
        }
    }
}
