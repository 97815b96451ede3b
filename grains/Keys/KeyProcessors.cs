using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Keys;

/// <summary>Creates the typed processor of a windowed pipeline for one key.</summary>
internal sealed class KeyProcessors(string key) : IWindowedPipelineVisitor<IKeyProcessor>
{
    public static IKeyProcessor Create(WindowedPipelineDefinition pipeline, string key) => pipeline.Accept(new KeyProcessors(key));

    public IKeyProcessor Visit<TValue, TAccumulator, TResult>(WindowedPipelineDefinition<TValue, TAccumulator, TResult> pipeline) =>
        new WindowedKeyProcessor<TValue, TAccumulator, TResult>(pipeline, key);
}
