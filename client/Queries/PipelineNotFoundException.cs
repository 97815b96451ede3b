namespace OrleansStreams.Client;

/// <summary>The cluster defines no pipeline of the name asked for.</summary>
public sealed class PipelineNotFoundException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="pipeline">The name asked for.</param>
    /// <param name="known">The pipelines the cluster defines.</param>
    public PipelineNotFoundException(string pipeline, IReadOnlyCollection<string> known)
        : base(null, nameof(pipeline))
    {
        ArgumentNullException.ThrowIfNull(known);
        Pipeline = pipeline;
        Known = known;
        _message = known.Count == 0
            ? $"the cluster has no pipeline '{pipeline}' (it defines none)"
            : $"the cluster has no pipeline '{pipeline}'; it has {string.Join(", ", known)}";
    }

    /// <summary>The name asked for.</summary>
    public string Pipeline { get; }

    /// <summary>The pipelines the cluster defines.</summary>
    public IReadOnlyCollection<string> Known { get; }

    /// <summary>One line naming the pipeline and the ones there are (without the parameter name <see cref="ArgumentException"/> would append).</summary>
    public override string Message => _message;
}
