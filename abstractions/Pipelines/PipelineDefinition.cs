using OrleansStreams.Keys;

namespace OrleansStreams.Pipelines;

/// <summary>
/// A pipeline: where its records come from, how they are keyed and timed, what processes them
/// (the built-in window state, or your own key grain) and where its outputs go. Build one with <see cref="Pipeline.Create(string)"/>
/// or bind one from the <c>Pipelines</c> configuration section.
/// </summary>
public class PipelineDefinition
{
    /// <summary>The largest value a record may have unless configured otherwise: 1 MiB.</summary>
    public const int DefaultMaxValueBytes = 1024 * 1024;

    /// <summary>Creates a definition; use <see cref="Pipeline.Create(string)"/> instead.</summary>
    /// <param name="source">The common settings collected by the builder.</param>
    /// <param name="keyGrainInterface">
    /// The grain interface (deriving from <see cref="IKeyGrain"/>) that processes each key, or
    /// <see langword="null"/> for windowed pipelines, whose keys live in one state grain per partition.
    /// </param>
    internal PipelineDefinition(PipelineSource source, Type? keyGrainInterface)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (keyGrainInterface is not null && (!keyGrainInterface.IsInterface || !typeof(IKeyGrain).IsAssignableFrom(keyGrainInterface)))
        {
            throw new ArgumentException($"{keyGrainInterface} is not a grain interface deriving from {nameof(IKeyGrain)}", nameof(keyGrainInterface));
        }

        Name = source.Name;
        InputTopic = source.InputTopic ?? throw new ArgumentException($"pipeline '{source.Name}' has no input topic (call From)", nameof(source));
        KeySelector = source.KeySelector;
        EventTime = source.EventTime;
        DeadLetterTopic = source.DeadLetterTopic ?? $"{InputTopic}-dlq";
        LateTopic = source.LateTopic;
        OutputTopic = source.OutputTopic;
        MaxValueBytes = source.MaxValueBytes;
        KeyGrainInterface = keyGrainInterface;
    }

    /// <summary>The pipeline's name: letters, digits, '.', '_' and '-'. Its grains are named <c>"&lt;name&gt;/&lt;key or partition&gt;"</c>.</summary>
    public string Name { get; }

    /// <summary>The topic the pipeline reads.</summary>
    public string InputTopic { get; }

    /// <summary>Chooses each record's key.</summary>
    public IKeySelector KeySelector { get; }

    /// <summary>Reads each record's event time.</summary>
    public IEventTimeExtractor EventTime { get; }

    /// <summary>Where unreadable records go, unchanged, with a reason header. Defaults to <c>&lt;input&gt;-dlq</c>.</summary>
    public string DeadLetterTopic { get; }

    /// <summary>Where late records go, unchanged; <see langword="null"/> counts and drops them.</summary>
    public string? LateTopic { get; }

    /// <summary>Where results go; <see langword="null"/> when the key grains produce no results.</summary>
    public string? OutputTopic { get; }

    /// <summary>Records with larger values are dead-lettered.</summary>
    public int MaxValueBytes { get; }

    /// <summary>
    /// The grain interface that processes each key, a sub-interface of <see cref="IKeyGrain"/>; <see langword="null"/>
    /// for windowed pipelines.
    /// </summary>
    public Type? KeyGrainInterface { get; }

    /// <summary>The grain id of <paramref name="key"/>'s key grain.</summary>
    /// <param name="key">The record key.</param>
    /// <returns><c>"&lt;name&gt;/&lt;key&gt;"</c>.</returns>
    public string KeyGrainId(string key) => string.Concat(Name, "/", key);

    /// <summary>The topic an output of <paramref name="kind"/> goes to, or <see langword="null"/> when it is dropped.</summary>
    /// <param name="kind">The output kind.</param>
    /// <returns>The topic.</returns>
    public string? TopicFor(OutputKind kind) => kind switch
    {
        OutputKind.Result => OutputTopic,
        OutputKind.Late => LateTopic,
        OutputKind.DeadLetter => DeadLetterTopic,
        _ => null,
    };
}
