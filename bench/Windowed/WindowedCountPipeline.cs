using OrleansStreams.Aggregation;
using OrleansStreams.Configuration;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Windowed;

/// <summary>
/// The windowed-count pipeline of issue 5's benchmark: the demo pipeline's shape (sensor readings
/// keyed by sensor id, 1-minute tumbling windows, 10 s grace, one <c>Final</c> result per window,
/// late and dead-letter topics) with <see cref="Aggregators.Count"/> as its aggregation.
/// </summary>
internal static class WindowedCountPipeline
{
    public const string Name = "counts";

    public const string InputTopic = "bench-readings";

    public const string OutputTopic = "bench-counts";

    public static PipelineDefinition Create() =>
        DemoPipeline.Windows(Name, InputTopic, OutputTopic).Aggregate(Aggregators.Count).Emit(EmitMode.Final).Build();
}
