namespace OrleansStreams.Client;

/// <summary>A watch asked for the live results of a pipeline that does not publish them.</summary>
public sealed class ResultsNotPublishedException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    public ResultsNotPublishedException(string pipeline)
        : base(null, nameof(pipeline))
    {
        Pipeline = pipeline;
        _message = $"pipeline '{pipeline}' does not publish its results: set Pipelines:{pipeline}:PublishResults=true (or call PublishResults() when building it)";
    }

    /// <summary>The pipeline's name.</summary>
    public string Pipeline { get; }

    /// <summary>One line naming the pipeline and the setting that turns publishing on.</summary>
    public override string Message => _message;
}
