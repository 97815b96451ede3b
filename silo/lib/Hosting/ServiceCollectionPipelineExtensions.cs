using OrleansStreams.Pipelines;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers pipelines with an OrleansStreams silo.</summary>
public static class ServiceCollectionPipelineExtensions
{
    /// <summary>Adds <paramref name="pipeline"/> to the pipelines this silo runs.</summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="pipeline">A definition built with <see cref="Pipeline.Create(string)"/>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddOrleansStreamsPipeline(this IServiceCollection services, PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return services.AddSingleton(pipeline);
    }
}
