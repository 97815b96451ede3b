using OrleansStreams.Pipelines;

namespace OrleansStreams.Hosting;

/// <summary>The pipeline a host runs when neither configuration nor code registers one (the runnable host's demo).</summary>
internal sealed record FallbackPipeline(PipelineDefinition Definition);
