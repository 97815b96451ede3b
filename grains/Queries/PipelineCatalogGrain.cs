using Orleans.Concurrency;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;

namespace OrleansStreams.Grains.Queries;

/// <summary>Lists the pipelines of the silo that answers; every silo of a cluster defines the same ones.</summary>
[StatelessWorker]
internal sealed class PipelineCatalogGrain(PipelineRegistry pipelines) : Grain, IPipelineCatalogGrain
{
    public Task<PipelineInfo[]> GetPipelines() =>
        Task.FromResult<PipelineInfo[]>([.. pipelines.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(Describe)]);

    private static PipelineInfo Describe(PipelineDefinition pipeline) => pipeline is WindowedPipelineDefinition windowed
        ? new PipelineInfo(pipeline.Name, pipeline.InputTopic, pipeline.OutputTopic ?? string.Empty, true, WindowText.Describe(windowed.Window), windowed.Emit.ToString(), windowed.PublishResults)
        : new PipelineInfo(pipeline.Name, pipeline.InputTopic, pipeline.OutputTopic ?? string.Empty, false, string.Empty, string.Empty);
}
