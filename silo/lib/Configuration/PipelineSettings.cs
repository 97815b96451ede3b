using Microsoft.Extensions.Configuration;
using OrleansStreams.Aggregation;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Configuration;

/// <summary>
/// The <c>Pipelines</c> section: windowed pipelines defined in configuration, one child per
/// pipeline (the child's name is the pipeline's name). Pipelines with custom code are added with
/// <c>services.AddOrleansStreamsPipeline(...)</c> instead.
/// </summary>
/// <example>
/// <code>
/// "Pipelines": {
///   "sensors": {
///     "Input": "sensor-readings", "Output": "sensor-aggregates",
///     "Key": "RecordKey", "EventTime": "Timestamp", "Value": "Json:value",
///     "Window": { "Kind": "Tumbling", "Size": "1m", "Grace": "10s" },
///     "Aggregate": "Stats", "Emit": "Final", "PublishResults": false
///   }
/// }
/// </code>
/// </example>
public static class PipelineSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Pipelines";

    /// <summary>The built-in aggregations a configured pipeline can use.</summary>
    public enum Aggregation
    {
        /// <summary>Count, sum, min, max and average.</summary>
        Stats,

        /// <summary>The number of values.</summary>
        Count,

        /// <summary>The sum.</summary>
        Sum,

        /// <summary>The smallest value.</summary>
        Min,

        /// <summary>The largest value.</summary>
        Max,

        /// <summary>The mean.</summary>
        Average,
    }

    /// <summary>Reads and validates every pipeline of the section.</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The pipelines, possibly none.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static IReadOnlyList<PipelineDefinition> Read(IConfiguration configuration) => Read(new SettingSections(configuration));

    /// <summary>Reads and validates every pipeline of the section <paramref name="sections"/> finds.</summary>
    internal static IReadOnlyList<PipelineDefinition> Read(SettingSections sections)
    {
        var pipelines = new List<PipelineDefinition>();
        foreach (var section in sections.Get(SectionName).GetChildren())
        {
            pipelines.Add(ReadOne(section));
        }

        return pipelines;
    }

    private static PipelineDefinition ReadOne(IConfigurationSection section)
    {
        if (!PipelineNames.IsValid(section.Key))
        {
            throw new InvalidSettingException(section.Path, section.Key, "a pipeline name of 1-249 letters, digits, '.', '_' or '-'");
        }

        var input = Topic(section, "Input", null) ?? throw new InvalidSettingException(section.Key("Input"), null, "the name of the input topic");
        var output = Topic(section, "Output", null) ?? throw new InvalidSettingException(section.Key("Output"), null, "the name of the output topic");
        var builder = Pipeline.Create(section.Key)
            .From(input)
            .To(output)
            .DeadLettersTo(Topic(section, "DeadLetterTopic", $"{input}-dlq")!)
            .KeyBy(KeySelector(section))
            .EventTime(EventTime(section))
            .MaxValueBytes(section.ReadInt("MaxValueBytes", PipelineDefinition.DefaultMaxValueBytes, 1, 100 * 1024 * 1024));
        var late = section.ReadString("LateTopic", $"{input}-late")!;
        if (!string.Equals(late, "none", StringComparison.OrdinalIgnoreCase))
        {
            builder.LateRecordsTo(CheckedTopic(section, "LateTopic", late));
        }

        var windows = builder.Values(ValueReader(section)).Window(Window(section.GetSection("Window")));
        var emit = section.ReadEnum("Emit", EmitMode.Final);
        var publish = section.ReadBool("PublishResults", false);
        return section.ReadEnum("Aggregate", Aggregation.Stats) switch
        {
            Aggregation.Stats => windows.Aggregate(Aggregators.Stats).Emit(emit).PublishResults(publish).Build(),
            Aggregation.Count => windows.Aggregate(Aggregators.Count).Emit(emit).PublishResults(publish).Build(),
            Aggregation.Sum => windows.Aggregate(Aggregators.Sum).Emit(emit).PublishResults(publish).Build(),
            Aggregation.Min => windows.Aggregate(Aggregators.Min).Emit(emit).PublishResults(publish).Build(),
            Aggregation.Max => windows.Aggregate(Aggregators.Max).Emit(emit).PublishResults(publish).Build(),
            Aggregation.Average => windows.Aggregate(Aggregators.Average).Emit(emit).PublishResults(publish).Build(),
            _ => throw new InvalidSettingException(section.Key("Aggregate"), section["Aggregate"], "one of Stats, Count, Sum, Min, Max, Average"),
        };
    }

    private static WindowSpec Window(IConfigurationSection section)
    {
        var kind = section.ReadEnum("Kind", WindowKind.Tumbling);
        var max = WindowSpec.MaxDuration;
        var one = TimeSpan.FromMilliseconds(1);
        try
        {
            var spec = kind switch
            {
                WindowKind.Tumbling => WindowSpec.Tumbling(section.ReadDuration("Size", TimeSpan.FromMinutes(1), one, max)),
                WindowKind.Hopping => WindowSpec.Hopping(
                    section.ReadDuration("Size", TimeSpan.FromMinutes(1), one, max),
                    section.ReadDuration("Advance", TimeSpan.FromMinutes(1), one, max)),
                WindowKind.Sliding => WindowSpec.Sliding(section.ReadDuration("Size", TimeSpan.FromMinutes(1), one, max)),
                WindowKind.Session => WindowSpec.Session(section.ReadDuration("Gap", TimeSpan.FromMinutes(5), one, max)),
                _ => throw new InvalidSettingException(section.Key("Kind"), kind.ToString(), $"one of {string.Join(", ", Enum.GetNames<WindowKind>())}"),
            };
            spec = spec.WithGrace(section.ReadDuration("Grace", TimeSpan.Zero, TimeSpan.Zero, max));
            var retention = section.ReadString("Retention");
            return retention is null ? spec : spec.WithRetention(section.ReadDuration("Retention", TimeSpan.Zero, TimeSpan.Zero, max));
        }
        catch (ArgumentException e)
        {
            throw new InvalidSettingException(section.Path, Describe(section), e.Message.Split(" (Parameter", 2)[0].TrimEnd('.'));
        }
    }

    private static IKeySelector KeySelector(IConfigurationSection section)
    {
        var raw = section.ReadString("Key", "RecordKey")!;
        return raw.Equals("RecordKey", StringComparison.OrdinalIgnoreCase)
            ? KeySelectors.RecordKey
            : JsonProperty(raw) is { } property
                ? KeySelectors.JsonProperty(property)
                : throw new InvalidSettingException(section.Key("Key"), raw, "RecordKey or Json:<property>");
    }

    private static IEventTimeExtractor EventTime(IConfigurationSection section)
    {
        var raw = section.ReadString("EventTime", "Timestamp")!;
        return raw.Equals("Timestamp", StringComparison.OrdinalIgnoreCase)
            ? EventTimes.RecordTimestamp
            : JsonProperty(raw) is { } property
                ? EventTimes.JsonProperty(property)
                : throw new InvalidSettingException(section.Key("EventTime"), raw, "Timestamp or Json:<property> (epoch milliseconds)");
    }

    private static IValueReader<double> ValueReader(IConfigurationSection section)
    {
        var raw = section.ReadString("Value", "Json:value")!;
        return JsonProperty(raw) is { } property
            ? ValueReaders.JsonNumber(property)
            : throw new InvalidSettingException(section.Key("Value"), raw, "Json:<property> (a JSON number)");
    }

    private static string? JsonProperty(string raw) =>
        raw.StartsWith("Json:", StringComparison.OrdinalIgnoreCase) && raw.Length > 5 ? raw[5..] : null;

    private static string? Topic(IConfigurationSection section, string name, string? defaultValue)
    {
        var topic = section.ReadString(name, defaultValue);
        return topic is null ? null : CheckedTopic(section, name, topic);
    }

    private static string CheckedTopic(IConfigurationSection section, string name, string topic) =>
        PipelineNames.IsValid(topic) ? topic : throw new InvalidSettingException(section.Key(name), topic, "a topic name of 1-249 letters, digits, '.', '_' or '-'");

    private static string Describe(IConfigurationSection section) =>
        string.Join(", ", section.GetChildren().Select(c => $"{c.Key}={c.Value}"));
}
