namespace OrleansStreams.Pipelines;

/// <summary>Entry point of the fluent pipeline definition API.</summary>
public static class Pipeline
{
    /// <summary>Starts defining a pipeline.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-'; unique within the cluster.</param>
    /// <returns>The builder.</returns>
    public static PipelineBuilder Create(string name)
    {
        PipelineNames.Validate(name, nameof(name));
        return new PipelineBuilder(new PipelineSource { Name = name });
    }
}
