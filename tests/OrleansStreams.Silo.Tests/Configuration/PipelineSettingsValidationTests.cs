using OrleansStreams.Configuration;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class PipelineSettingsValidationTests
{
    private const string Durations = "(e.g. 250ms, 10s, 5m, 1h or hh:mm:ss)";

    [Theory]
    [InlineData("Output", "out/put",
        "Invalid setting Pipelines:p:Output = 'out/put': allowed is a topic name of 1-249 letters, digits, '.', '_' or '-'.")]
    [InlineData("Key", "Header:sensor",
        "Invalid setting Pipelines:p:Key = 'Header:sensor': allowed is RecordKey or Json:<property>.")]
    [InlineData("EventTime", "Now",
        "Invalid setting Pipelines:p:EventTime = 'Now': allowed is Timestamp or Json:<property> (epoch milliseconds).")]
    [InlineData("Value", "value",
        "Invalid setting Pipelines:p:Value = 'value': allowed is Json:<property> (a JSON number).")]
    [InlineData("Window:Kind", "Daily",
        "Invalid setting Pipelines:p:Window:Kind = 'Daily': allowed is one of Tumbling, Hopping, Sliding, Session.")]
    [InlineData("Window:Size", "0s",
        "Invalid setting Pipelines:p:Window:Size = '0s': allowed is a duration from 1ms to 876000h " + Durations + ".")]
    [InlineData("Window:Grace", "-10s",
        "Invalid setting Pipelines:p:Window:Grace = '-10s': allowed is a duration from 0ms to 876000h " + Durations + ".")]
    [InlineData("Aggregate", "Median",
        "Invalid setting Pipelines:p:Aggregate = 'Median': allowed is one of Stats, Count, Sum, Min, Max, Average.")]
    [InlineData("Emit", "Always",
        "Invalid setting Pipelines:p:Emit = 'Always': allowed is one of Final, OnUpdate.")]
    [InlineData("MaxValueBytes", "0",
        "Invalid setting Pipelines:p:MaxValueBytes = '0': allowed is an integer from 1 to 104857600.")]
    [InlineData("PublishResults", "yes",
        "Invalid setting Pipelines:p:PublishResults = 'yes': allowed is true or false.")]
    public void Read_BadValue_ThrowsOneLineNamingKeyValueAndAllowed(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal(expected, e.Message);
        Assert.Equal($"Pipelines:p:{key}", e.Key);
    }

    [Theory]
    [InlineData("Input", "in put")]
    [InlineData("Output", "..")]
    [InlineData("LateTopic", "late topic")]
    [InlineData("DeadLetterTopic", "dlq#1")]
    [InlineData("Key", "Json:")]
    [InlineData("Key", "sensor")]
    [InlineData("EventTime", "Json:")]
    [InlineData("EventTime", "Header:ts")]
    [InlineData("Value", "Json:")]
    [InlineData("Window:Kind", "2")]
    [InlineData("Window:Size", "1 minute")]
    [InlineData("Window:Size", "36501d")]
    [InlineData("Window:Advance", "0ms")]
    [InlineData("Window:Gap", "-1s")]
    [InlineData("Window:Retention", "forever")]
    [InlineData("Aggregate", "1")]
    [InlineData("Emit", "1")]
    [InlineData("MaxValueBytes", "104857601")]
    [InlineData("MaxValueBytes", "1MB")]
    public void Read_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        (string Key, string? Value)[] settings = key switch
        {
            "Window:Advance" => [("Window:Kind", "Hopping"), (key, value)],
            "Window:Gap" => [("Window:Kind", "Session"), (key, value)],
            _ => [(key, value)],
        };

        var e = Assert.Throws<InvalidSettingException>(() => Read(settings));

        Assert.Equal($"Pipelines:p:{key}", e.Key);
        Assert.StartsWith($"Invalid setting Pipelines:p:{key} = '{value}': allowed is ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoInput_ThrowsNamingTheMissingKey()
    {
        var e = Assert.Throws<InvalidSettingException>(() => PipelineSettings.Read(TestConfiguration.Build(("Pipelines:p:Output", "out"))));

        Assert.Equal("Invalid setting Pipelines:p:Input = (missing): allowed is the name of the input topic.", e.Message);
        Assert.Null(e.Value);
    }

    [Fact]
    public void Read_NoOutput_ThrowsNamingTheMissingKey()
    {
        var e = Assert.Throws<InvalidSettingException>(() => PipelineSettings.Read(TestConfiguration.Build(("Pipelines:p:Input", "in"))));

        Assert.Equal("Invalid setting Pipelines:p:Output = (missing): allowed is the name of the output topic.", e.Message);
    }

    [Fact]
    public void Read_BadPipelineName_ThrowsNamingThePipelineSection()
    {
        var e = Assert.Throws<InvalidSettingException>(() => PipelineSettings.Read(TestConfiguration.Build(
            ("Pipelines:my pipeline:Input", "in"),
            ("Pipelines:my pipeline:Output", "out"))));

        Assert.Equal(
            "Invalid setting Pipelines:my pipeline = 'my pipeline': allowed is a pipeline name of 1-249 letters, digits, '.', '_' or '-'.",
            e.Message);
    }

    [Fact]
    public void Read_HoppingAdvanceLargerThanSize_ThrowsNamingTheWindowSection()
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read(("Window:Kind", "Hopping"), ("Window:Size", "1m"), ("Window:Advance", "2m")));

        Assert.Equal("Pipelines:p:Window", e.Key);
        Assert.Equal(
            "Invalid setting Pipelines:p:Window = 'Advance=2m, Kind=Hopping, Size=1m': allowed is Hopping window advance must not exceed the window size 60000 ms, was 120000 ms; windows would leave gaps.",
            e.Message);
    }

    [Theory]
    [InlineData("1.5ms", null)]
    [InlineData("1m", "30s")]
    [InlineData("1m", "1m")]
    public void Read_WindowSpecRejectsSizeOrRetention_ThrowsNamingTheWindowSection(string size, string? retention)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read(("Window:Size", size), ("Window:Grace", "10s"), ("Window:Retention", retention)));

        Assert.Equal("Pipelines:p:Window", e.Key);
        Assert.StartsWith("Invalid setting Pipelines:p:Window = '", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("Window:Kind", "Tumbling, Hopping")]
    [InlineData("Window:Kind", "Hopping,Sliding")]
    [InlineData("Emit", "Final,OnUpdate")]
    [InlineData("Aggregate", "Count, Min")]
    public void Read_CombinationOfEnumNames_IsRejected(string key, string value)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal($"Pipelines:p:{key}", e.Key);
    }

    [Fact]
    public void Read_OneBadPipelineAmongGoodOnes_Throws()
    {
        var e = Assert.Throws<InvalidSettingException>(() => PipelineSettings.Read(TestConfiguration.Build(
            ("Pipelines:good:Input", "a"),
            ("Pipelines:good:Output", "b"),
            ("Pipelines:typo:Input", "c"),
            ("Pipelines:typo:Output", "d"),
            ("Pipelines:typo:Window:Size", "1 min"))));

        Assert.Equal("Pipelines:typo:Window:Size", e.Key);
    }

    /// <summary>Reads pipeline <c>p</c> with valid input and output topics unless <paramref name="values"/> sets them.</summary>
    private static void Read(params (string Key, string? Value)[] values)
    {
        (string Key, string? Value)[] topics = [("Input", "in"), ("Output", "out")];
        PipelineSettings.Read(TestConfiguration.Section("Pipelines:p", [.. topics.Where(t => values.All(v => v.Key != t.Key)), .. values]));
    }
}
