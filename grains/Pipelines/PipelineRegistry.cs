using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Pipelines;

/// <summary>The pipelines this silo runs, by name.</summary>
internal sealed class PipelineRegistry
{
    private readonly Dictionary<string, PipelineDefinition> _byName;

    public PipelineRegistry(IEnumerable<PipelineDefinition> pipelines)
    {
        _byName = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            if (!_byName.TryAdd(pipeline.Name, pipeline))
            {
                throw new ArgumentException($"two pipelines are named '{pipeline.Name}'", nameof(pipelines));
            }
        }
    }

    public IReadOnlyCollection<PipelineDefinition> All => _byName.Values;

    public PipelineDefinition Get(string name) =>
        _byName.TryGetValue(name, out var pipeline)
            ? pipeline
            : throw new KeyNotFoundException($"pipeline '{name}' is not defined on this silo");

    /// <summary>Splits a grain id <c>"&lt;pipeline&gt;/&lt;rest&gt;"</c>.</summary>
    public static (string Pipeline, string Remainder) SplitGrainId(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (id[..slash], id[(slash + 1)..]) : throw new ArgumentException($"'{id}' is not '<pipeline>/<key>'", nameof(id));
    }
}
