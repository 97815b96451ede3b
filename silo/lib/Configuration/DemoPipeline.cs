using OrleansStreams.Aggregation;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Configuration;

/// <summary>
/// The pipeline a silo runs when none is configured: sensor readings (<c>{"value": x}</c> keyed by
/// sensor id) from <c>sensor-readings</c>, 1-minute tumbling windows with 10 s grace, one final
/// result per window to <c>sensor-aggregates</c> as <c>{"key","start","end","count","sum","min","max","avg"}</c>.
/// </summary>
public static class DemoPipeline
{
    /// <summary>The pipeline's name.</summary>
    public const string Name = "sensors";

    /// <summary>Its input topic.</summary>
    public const string InputTopic = "sensor-readings";

    /// <summary>Its output topic.</summary>
    public const string OutputTopic = "sensor-aggregates";

    /// <summary>Builds the definition.</summary>
    /// <returns>The demo pipeline.</returns>
    public static PipelineDefinition Create() =>
        Windows(Name, InputTopic, OutputTopic).Aggregate(Aggregators.Stats).Emit(EmitMode.Final).Build();

    /// <summary>The demo pipeline's shape up to its aggregation, under other names (the benchmarks aggregate it differently).</summary>
    internal static WindowsBuilder<double> Windows(string name, string inputTopic, string outputTopic) =>
        Pipeline.Create(name)
            .From(inputTopic)
            .To(outputTopic)
            .LateRecordsTo($"{inputTopic}-late")
            .DeadLettersTo($"{inputTopic}-dlq")
            .Values(ValueReaders.JsonNumber("value"))
            .Window(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)));
}
