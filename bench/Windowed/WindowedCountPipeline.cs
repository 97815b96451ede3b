using OrleansStreams.Aggregation;
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
        Pipeline.Create(Name)
            .From(InputTopic)
            .To(OutputTopic)
            .LateRecordsTo($"{InputTopic}-late")
            .DeadLettersTo($"{InputTopic}-dlq")
            .Values(ValueReaders.JsonNumber("value"))
            .Window(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)))
            .Aggregate(Aggregators.Count)
            .Emit(EmitMode.Final)
            .Build();
}
