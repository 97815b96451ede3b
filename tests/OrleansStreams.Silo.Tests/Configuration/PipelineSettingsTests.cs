using System.Text;
using OrleansStreams.Aggregation;
using OrleansStreams.Configuration;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class PipelineSettingsTests
{
    [Fact]
    public void Read_NoPipelinesSection_ReturnsNone()
    {
        Assert.Empty(PipelineSettings.Read(TestConfiguration.Build()));
    }

    [Fact]
    public void Read_OnlyInputAndOutput_UsesTheDocumentedDefaults()
    {
        var pipeline = ReadOne(("Input", "orders"), ("Output", "order-totals"));

        var typed = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(pipeline);
        Assert.Equal("p", typed.Name);
        Assert.Equal("orders", typed.InputTopic);
        Assert.Equal("order-totals", typed.OutputTopic);
        Assert.Equal("orders-late", typed.LateTopic);
        Assert.Equal("orders-dlq", typed.DeadLetterTopic);
        Assert.Same(KeySelectors.RecordKey, typed.KeySelector);
        Assert.Same(EventTimes.RecordTimestamp, typed.EventTime);
        Assert.Equal("JSON number 'value'", typed.Values.Description);
        Assert.Equal(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), typed.Window);
        Assert.Equal(TimeSpan.Zero, typed.Window.Grace);
        Assert.Equal(EmitMode.Final, typed.Emit);
        Assert.Same(Aggregators.Stats, typed.Aggregator);
        Assert.Same(ResultWriters.Stats, typed.Results);
        Assert.Equal(PipelineDefinition.DefaultMaxValueBytes, typed.MaxValueBytes);
        Assert.Null(typed.KeyGrainInterface);
    }

    [Fact]
    public void Read_HoppingWindow_ProducesTheHoppingWindowSpec()
    {
        var pipeline = ReadOne(
            ("Input", "clicks"),
            ("Output", "click-rates"),
            ("Window:Kind", "Hopping"),
            ("Window:Size", "5m"),
            ("Window:Advance", "1m"),
            ("Window:Grace", "30s"),
            ("Window:Retention", "1h"));

        var window = Assert.IsAssignableFrom<WindowedPipelineDefinition>(pipeline).Window;
        Assert.Equal(
            WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(30)).WithRetention(TimeSpan.FromHours(1)),
            window);
        Assert.Equal(
            (WindowKind.Hopping, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)),
            (window.Kind, window.Size, window.Advance, window.Grace, window.Retention));
    }

    [Fact]
    public void Read_HoppingWindowWithoutAdvance_AdvancesOneMinute()
    {
        var window = Window(("Window:Kind", "hopping"), ("Window:Size", "10m"));

        Assert.Equal(WindowSpec.Hopping(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1)), window);
    }

    [Fact]
    public void Read_TumblingWindowWithoutRetention_KeepsEachClosedWindowUntilTheNextCloses()
    {
        var window = Window(("Window:Kind", "Tumbling"), ("Window:Size", "00:00:30"), ("Window:Grace", "2s"));

        Assert.Equal(WindowSpec.Tumbling(TimeSpan.FromSeconds(30)).WithGrace(TimeSpan.FromSeconds(2)), window);
        Assert.Equal(TimeSpan.FromSeconds(62), window.Retention);
    }

    [Fact]
    public void Read_SlidingWindow_ProducesTheSlidingWindowSpec()
    {
        var window = Window(("Window:Kind", "Sliding"), ("Window:Size", "250ms"), ("Window:Grace", "1s"));

        Assert.Equal(WindowSpec.Sliding(TimeSpan.FromMilliseconds(250)).WithGrace(TimeSpan.FromSeconds(1)), window);
    }

    [Fact]
    public void Read_SessionWindow_UsesTheGapAndDefaultsItToFiveMinutes()
    {
        var configured = Window(("Window:Kind", "Session"), ("Window:Gap", "45s"), ("Window:Retention", "2h"));
        var defaulted = Window(("Window:Kind", "Session"));

        Assert.Equal(WindowSpec.Session(TimeSpan.FromSeconds(45)).WithRetention(TimeSpan.FromHours(2)), configured);
        Assert.Equal(WindowSpec.Session(TimeSpan.FromMinutes(5)), defaulted);
    }

    [Fact]
    public void Read_JsonKeyAndEventTime_ExtractThoseProperties()
    {
        var pipeline = ReadOne(
            ("Input", "readings"),
            ("Output", "aggregates"),
            ("Key", "Json:sensor"),
            ("EventTime", "Json:ts"),
            ("Value", "Json:celsius"));
        var value = Encoding.UTF8.GetBytes("""{"celsius": 21.5, "ts": 1764000000123, "sensor": "s-7"}""");
        var record = new RawRecord(Encoding.UTF8.GetBytes("ignored-record-key"), value, 42, KeyIsNull: false);

        Assert.True(pipeline.KeySelector.TrySelect(record, out var key, out _));
        Assert.True(pipeline.EventTime.TryExtract(record, out var eventTime, out _));
        var reader = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(pipeline).Values;
        Assert.True(reader.TryRead(value, out var celsius, out _));
        Assert.Equal(("s-7", 1_764_000_000_123L, 21.5), (key, eventTime, celsius));
        Assert.Equal("JSON property 'sensor'", pipeline.KeySelector.Description);
        Assert.Equal("JSON property 'ts'", pipeline.EventTime.Description);
        Assert.Equal("JSON number 'celsius'", reader.Description);
    }

    [Theory]
    [InlineData("RecordKey", "Timestamp")]
    [InlineData("recordkey", "TIMESTAMP")]
    public void Read_RecordKeyAndTimestampInAnyCase_UseTheKafkaRecord(string key, string eventTime)
    {
        var pipeline = ReadOne(("Input", "in"), ("Output", "out"), ("Key", key), ("EventTime", eventTime));

        Assert.Same(KeySelectors.RecordKey, pipeline.KeySelector);
        Assert.Same(EventTimes.RecordTimestamp, pipeline.EventTime);
    }

    [Theory]
    [InlineData("Stats", typeof(WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>))]
    [InlineData("count", typeof(WindowedPipelineDefinition<double, long, long>))]
    [InlineData("Sum", typeof(WindowedPipelineDefinition<double, double, double>))]
    [InlineData("Min", typeof(WindowedPipelineDefinition<double, double, double>))]
    [InlineData("MAX", typeof(WindowedPipelineDefinition<double, double, double>))]
    [InlineData("Average", typeof(WindowedPipelineDefinition<double, AverageAccumulator, double>))]
    public void Read_Aggregate_UsesTheBuiltInAggregator(string aggregate, Type expectedType)
    {
        var pipeline = ReadOne(("Input", "in"), ("Output", "out"), ("Aggregate", aggregate));

        Assert.IsType(expectedType, pipeline);
        object expected = aggregate.ToUpperInvariant() switch
        {
            "STATS" => Aggregators.Stats,
            "COUNT" => Aggregators.Count,
            "SUM" => Aggregators.Sum,
            "MIN" => Aggregators.Min,
            "MAX" => Aggregators.Max,
            _ => Aggregators.Average,
        };
        Assert.Same(expected, Assert.IsAssignableFrom<WindowedPipelineDefinition>(pipeline).Accept(new AggregatorOf()));
    }

    [Fact]
    public void Read_EmitOnUpdate_EmitsEveryChange()
    {
        var pipeline = ReadOne(("Input", "in"), ("Output", "out"), ("Emit", "OnUpdate"));

        Assert.Equal(EmitMode.OnUpdate, Assert.IsAssignableFrom<WindowedPipelineDefinition>(pipeline).Emit);
    }

    [Fact]
    public void Read_PublishResults_OffUnlessSetToTrue()
    {
        var published = ReadOne(("Input", "in"), ("Output", "out"), ("PublishResults", "true"));
        var unset = ReadOne(("Input", "in"), ("Output", "out"));

        Assert.True(Assert.IsAssignableFrom<WindowedPipelineDefinition>(published).PublishResults);
        Assert.False(Assert.IsAssignableFrom<WindowedPipelineDefinition>(unset).PublishResults);
    }

    [Fact]
    public void Read_ExplicitTopicsAndMaxValueBytes_AreUsed()
    {
        var pipeline = ReadOne(
            ("Input", "in"),
            ("Output", "out"),
            ("LateTopic", "in.too-late"),
            ("DeadLetterTopic", "in.unreadable"),
            ("MaxValueBytes", "2048"));

        Assert.Equal("in.too-late", pipeline.LateTopic);
        Assert.Equal("in.unreadable", pipeline.DeadLetterTopic);
        Assert.Equal(2048, pipeline.MaxValueBytes);
        Assert.Equal("out", pipeline.TopicFor(OutputKind.Result));
        Assert.Equal("in.too-late", pipeline.TopicFor(OutputKind.Late));
        Assert.Equal("in.unreadable", pipeline.TopicFor(OutputKind.DeadLetter));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData(" NONE ")]
    public void Read_LateTopicNone_DropsLateRecords(string value)
    {
        var pipeline = ReadOne(("Input", "in"), ("Output", "out"), ("LateTopic", value));

        Assert.Null(pipeline.LateTopic);
        Assert.Null(pipeline.TopicFor(OutputKind.Late));
        Assert.Equal("in-dlq", pipeline.DeadLetterTopic);
    }

    [Fact]
    public void Read_SeveralPipelines_ReadsEachUnderItsOwnName()
    {
        var pipelines = PipelineSettings.Read(TestConfiguration.Build(
            ("Pipelines:sensors:Input", "sensor-readings"),
            ("Pipelines:sensors:Output", "sensor-aggregates"),
            ("Pipelines:clicks.v2:Input", "clicks"),
            ("Pipelines:clicks.v2:Output", "click-counts"),
            ("Pipelines:clicks.v2:Aggregate", "Count"),
            ("Pipelines:clicks.v2:Window:Kind", "Session"),
            ("Pipelines:clicks.v2:Window:Gap", "30m")));

        Assert.Equal(2, pipelines.Count);
        var sensors = Assert.Single(pipelines, p => p.Name == "sensors");
        var clicks = Assert.Single(pipelines, p => p.Name == "clicks.v2");
        Assert.Equal(("sensor-readings", "sensor-aggregates"), (sensors.InputTopic, sensors.OutputTopic));
        Assert.Equal(("clicks", "click-counts"), (clicks.InputTopic, clicks.OutputTopic));
        Assert.IsType<WindowedPipelineDefinition<double, long, long>>(clicks);
        Assert.Equal(WindowSpec.Session(TimeSpan.FromMinutes(30)), ((WindowedPipelineDefinition)clicks).Window);
        Assert.Equal(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), ((WindowedPipelineDefinition)sensors).Window);
        Assert.Equal("clicks.v2/door-3", clicks.KeyGrainId("door-3"));
    }

    [Fact]
    public void Read_DocumentedSensorsExample_MatchesTheDemoPipeline()
    {
        var configured = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(Assert.Single(PipelineSettings.Read(TestConfiguration.Build(
            ("Pipelines:sensors:Input", "sensor-readings"),
            ("Pipelines:sensors:Output", "sensor-aggregates"),
            ("Pipelines:sensors:Key", "RecordKey"),
            ("Pipelines:sensors:EventTime", "Timestamp"),
            ("Pipelines:sensors:Value", "Json:value"),
            ("Pipelines:sensors:Window:Kind", "Tumbling"),
            ("Pipelines:sensors:Window:Size", "1m"),
            ("Pipelines:sensors:Window:Grace", "10s"),
            ("Pipelines:sensors:Aggregate", "Stats"),
            ("Pipelines:sensors:Emit", "Final")))));
        var demo = Assert.IsType<WindowedPipelineDefinition<double, StatsAccumulator, WindowStats>>(DemoPipeline.Create());

        Assert.Equal(
            (demo.Name, demo.InputTopic, demo.OutputTopic, demo.LateTopic, demo.DeadLetterTopic, demo.Window, demo.Emit, demo.MaxValueBytes),
            (configured.Name, configured.InputTopic, configured.OutputTopic, configured.LateTopic, configured.DeadLetterTopic, configured.Window, configured.Emit, configured.MaxValueBytes));
        Assert.Same(demo.Aggregator, configured.Aggregator);
        Assert.Equal(demo.Values.Description, configured.Values.Description);
    }

    private static PipelineDefinition ReadOne(params (string Key, string? Value)[] values) =>
        Assert.Single(PipelineSettings.Read(TestConfiguration.Section("Pipelines:p", values)));

    private static WindowSpec Window(params (string Key, string? Value)[] values) =>
        Assert.IsAssignableFrom<WindowedPipelineDefinition>(ReadOne([("Input", "in"), ("Output", "out"), .. values])).Window;

    private sealed class AggregatorOf : IWindowedPipelineVisitor<object>
    {
        public object Visit<TValue, TAccumulator, TResult>(WindowedPipelineDefinition<TValue, TAccumulator, TResult> pipeline) => pipeline.Aggregator;
    }
}
