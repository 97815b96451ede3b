namespace OrleansStreams.Client;

/// <summary>A window state query asked a pipeline that keeps no window state.</summary>
public sealed class PipelineNotWindowedException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    public PipelineNotWindowedException(string pipeline)
        : base(null, nameof(pipeline))
    {
        Pipeline = pipeline;
        _message = $"pipeline '{pipeline}' is not windowed: it keeps no window state to query";
    }

    /// <summary>The pipeline's name.</summary>
    public string Pipeline { get; }

    /// <summary>One line naming the pipeline (without the parameter name <see cref="ArgumentException"/> would append).</summary>
    public override string Message => _message;
}
