using OrleansStreams.Aggregation;
using OrleansStreams.Configuration;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Windowed;

/// <summary>
/// The windowed-count pipeline of issue 5's benchmark: the demo pipeline's shape (sensor readings
/// keyed by sensor id, 1-minute tumbling windows, 10 s grace, one <c>Final</c> result per window,
/// late and dead-letter topics) with <see cref="Aggregators.Count"/> as its aggregation. The peer
/// benchmark also runs it with <see cref="EmitMode.OnUpdate"/> and its own output topic per run.
/// </summary>
internal static class WindowedCountPipeline
{
    public const string Name = "counts";

    public const string InputTopic = "bench-readings";

    public const string OutputTopic = "bench-counts";

    public static PipelineDefinition Create(EmitMode emit = EmitMode.Final, string outputTopic = OutputTopic, bool publishResults = false) =>
        DemoPipeline.Windows(Name, InputTopic, outputTopic).Aggregate(Aggregators.Count).Emit(emit).PublishResults(publishResults).Build();
}
