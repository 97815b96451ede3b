using OrleansStreams.Keys;

namespace OrleansStreams.Pipelines;

/// <summary>Collects where a pipeline reads from and how records are keyed and timed.</summary>
public sealed class PipelineBuilder
{
    internal PipelineBuilder(PipelineSource source) => Source = source;

    /// <summary>The settings collected so far.</summary>
    internal PipelineSource Source { get; private set; }

    /// <summary>Reads <paramref name="topic"/>.</summary>
    /// <param name="topic">The input topic.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder From(string topic) => With(Source with { InputTopic = Checked(topic) });

    /// <summary>Keys records with <paramref name="selector"/> (default: the record key).</summary>
    /// <param name="selector">The key selector.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder KeyBy(IKeySelector selector) => With(Source with { KeySelector = selector ?? throw new ArgumentNullException(nameof(selector)) });

    /// <summary>Reads event times with <paramref name="extractor"/> (default: the record timestamp).</summary>
    /// <param name="extractor">The event-time extractor.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder EventTime(IEventTimeExtractor extractor) => With(Source with { EventTime = extractor ?? throw new ArgumentNullException(nameof(extractor)) });

    /// <summary>Sends unreadable records to <paramref name="topic"/> (default: <c>&lt;input&gt;-dlq</c>).</summary>
    /// <param name="topic">The dead-letter topic.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder DeadLettersTo(string topic) => With(Source with { DeadLetterTopic = Checked(topic) });

    /// <summary>Sends late records to <paramref name="topic"/>; without it they are counted and dropped.</summary>
    /// <param name="topic">The late topic.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder LateRecordsTo(string topic) => With(Source with { LateTopic = Checked(topic) });

    /// <summary>Sends results to <paramref name="topic"/>.</summary>
    /// <param name="topic">The output topic.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder To(string topic) => With(Source with { OutputTopic = Checked(topic) });

    /// <summary>Dead-letters records whose value is larger than <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The limit, at least 1.</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder MaxValueBytes(int bytes) =>
        With(Source with { MaxValueBytes = bytes >= 1 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "must be at least 1") });

    /// <summary>
    /// Finishes a pipeline whose keys are processed by your own key grain: each key's records go,
    /// in offset order, to <typeparamref name="TKeyGrain"/> with id <c>"&lt;pipeline&gt;/&lt;key&gt;"</c>.
    /// </summary>
    /// <typeparam name="TKeyGrain">A grain interface deriving from <see cref="IKeyGrain"/>.</typeparam>
    /// <returns>The pipeline definition.</returns>
    public PipelineDefinition ProcessWith<TKeyGrain>()
        where TKeyGrain : IKeyGrain => new(Source, typeof(TKeyGrain));

    /// <summary>
    /// Continues as a windowed pipeline with built-in window state, reading each
    /// record's value with <paramref name="values"/>. Set the output (<see cref="To"/>), late and
    /// dead-letter topics before this call.
    /// </summary>
    /// <typeparam name="TValue">The aggregated input type.</typeparam>
    /// <param name="values">Reads the value, e.g. <see cref="ValueReaders.JsonNumber"/>.</param>
    /// <returns>The next stage: windows.</returns>
    public ValuesBuilder<TValue> Values<TValue>(IValueReader<TValue> values) => new(Source, values);

    private static string Checked(string topic)
    {
        PipelineNames.Validate(topic, nameof(topic));
        return topic;
    }

    private PipelineBuilder With(PipelineSource source)
    {
        Source = source;
        return this;
    }
}
