using OrleansStreams.Aggregation;
using OrleansStreams.Configuration;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class DemoPipelineTests
{
    [Fact]
    public void Create_ReadsSensorReadingsAndWritesSensorAggregates()
    {
        var pipeline = DemoPipeline.Create();

        Assert.Equal("sensors", pipeline.Name);
        Assert.Equal("sensor-readings", pipeline.InputTopic);
        Assert.Equal("sensor-aggregates", pipeline.OutputTopic);
        Assert.Equal(DemoPipeline.InputTopic, pipeline.InputTopic);
        Assert.Equal(DemoPipeline.OutputTopic, pipeline.OutputTopic);
    }

    [Fact]
    public void Create_SendsLateRecordsAndDeadLettersToTheirOwnTopics()
    {
        var pipeline = DemoPipeline.Create();

        Assert.Equal("sensor-aggregates", pipeline.TopicFor(OutputKind.Result));
        Assert.Equal("sensor-readings-late", pipeline.TopicFor(OutputKind.Late));
        Assert.Equal("sensor-readings-dlq", pipeline.TopicFor(OutputKind.DeadLetter));
    }

    [Fact]
    public void Create_OneMinuteTumblingWindowsWithTenSecondsGraceEmittedOnceWhenClosed()
    {
        var pipeline = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(DemoPipeline.Create());

        Assert.Equal(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)), pipeline.Window);
        Assert.Equal(
            (WindowKind.Tumbling, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(130)),
            (pipeline.Window.Kind, pipeline.Window.Size, pipeline.Window.Grace, pipeline.Window.Retention));
        Assert.Equal(EmitMode.Final, pipeline.Emit);
        Assert.Same(Aggregators.Stats, pipeline.Aggregator);
        Assert.Same(ResultWriters.Stats, pipeline.Results);
        Assert.Null(pipeline.KeyGrainInterface);
    }

    [Fact]
    public void Create_KeysByRecordKeyTimesByTimestampAndReadsJsonValue()
    {
        var pipeline = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(DemoPipeline.Create());

        Assert.Same(KeySelectors.RecordKey, pipeline.KeySelector);
        Assert.Same(EventTimes.RecordTimestamp, pipeline.EventTime);
        Assert.True(pipeline.Values.TryRead("""{"value": -3.25}"""u8, out var value, out _));
        Assert.Equal(-3.25, value);
        Assert.Equal(PipelineDefinition.DefaultMaxValueBytes, pipeline.MaxValueBytes);
        Assert.Equal("sensors/sensor-17", pipeline.KeyGrainId("sensor-17"));
    }

    [Fact]
    public void Create_WritesResultsInTheDocumentedJsonShape()
    {
        var pipeline = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(DemoPipeline.Create());

        var json = pipeline.Results.Write("sensor-1", new TimeWindow(60_000, 120_000), new WindowStats(2, 5, 1.5, 3.5, 2.5));

        Assert.Equal("""{"key":"sensor-1","start":60000,"end":120000,"count":2,"sum":5,"min":1.5,"max":3.5,"avg":2.5}""", System.Text.Encoding.UTF8.GetString(json));
    }
}
