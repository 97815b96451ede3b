using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.State;

/// <summary>Creates the typed <see cref="IPartitionState"/> of a windowed pipeline's partition.</summary>
internal sealed class PartitionStates(int partition) : IWindowedPipelineVisitor<IPartitionState>
{
    public static IPartitionState Create(WindowedPipelineDefinition pipeline, int partition) => pipeline.Accept(new PartitionStates(partition));

    public IPartitionState Visit<TValue, TAccumulator, TResult>(WindowedPipelineDefinition<TValue, TAccumulator, TResult> pipeline) =>
        new PartitionState<TValue, TAccumulator, TResult>(pipeline, partition);
}
