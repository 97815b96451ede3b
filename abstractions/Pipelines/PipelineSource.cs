namespace OrleansStreams.Pipelines;

/// <summary>The settings every pipeline has, collected by <see cref="PipelineBuilder"/>.</summary>
internal sealed record PipelineSource
{
    /// <summary>The pipeline name.</summary>
    public required string Name { get; init; }

    /// <summary>The input topic.</summary>
    public string? InputTopic { get; init; }

    /// <summary>The key selector.</summary>
    public IKeySelector KeySelector { get; init; } = KeySelectors.RecordKey;

    /// <summary>The event-time extractor.</summary>
    public IEventTimeExtractor EventTime { get; init; } = EventTimes.RecordTimestamp;

    /// <summary>The dead-letter topic, or <see langword="null"/> for <c>&lt;input&gt;-dlq</c>.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>The late topic, or <see langword="null"/> to count and drop late records.</summary>
    public string? LateTopic { get; init; }

    /// <summary>The output topic.</summary>
    public string? OutputTopic { get; init; }

    /// <summary>The largest accepted value size.</summary>
    public int MaxValueBytes { get; init; } = PipelineDefinition.DefaultMaxValueBytes;
}
