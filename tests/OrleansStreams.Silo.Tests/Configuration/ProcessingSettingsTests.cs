using OrleansStreams.Configuration;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class ProcessingSettingsTests
{
    [Fact]
    public void Read_NoProcessingSection_IsExactlyOnceWithOneSecondEpochs()
    {
        var settings = ProcessingSettings.Read(TestConfiguration.Build());

        Assert.Equal(ProcessingGuarantee.ExactlyOnce, settings.Guarantee);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.CommitInterval);
        Assert.Equal(ProcessingSettings.DefaultCommitInterval, settings.CommitInterval);
        Assert.Equal(200_000, settings.CommitMaxRecords);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.TransactionTimeout);
        Assert.Equal(64, settings.FlushConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.RetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.CheckpointInterval);
    }

    [Fact]
    public void Read_EveryValueSet_BindsEachOne()
    {
        var settings = Read(
            ("Guarantee", "atleastonce"),
            ("CommitInterval", "250ms"),
            ("CommitMaxRecords", "5000"),
            ("TransactionTimeout", "00:02:30"),
            ("FlushConcurrency", "4"),
            ("RetryBackoff", "0s"),
            ("CheckpointInterval", "45s"));

        Assert.Equal(ProcessingGuarantee.AtLeastOnce, settings.Guarantee);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.CommitInterval);
        Assert.Equal(5000, settings.CommitMaxRecords);
        Assert.Equal(TimeSpan.FromSeconds(150), settings.TransactionTimeout);
        Assert.Equal(4, settings.FlushConcurrency);
        Assert.Equal(TimeSpan.Zero, settings.RetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.CheckpointInterval);
    }

    [Fact]
    public void Read_CheckpointIntervalZero_MeansEveryEpoch()
    {
        Assert.Equal(TimeSpan.Zero, Read(("CheckpointInterval", "0s")).CheckpointInterval);
    }

    [Theory]
    [InlineData("10ms", 10)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("10m", 600_000)]
    [InlineData("00:00:05", 5_000)]
    [InlineData(" 3S ", 3_000)]
    public void Read_CommitIntervalInEachDurationForm_IsParsed(string value, int milliseconds)
    {
        var settings = Read(("CommitInterval", value));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), settings.CommitInterval);
    }

    [Theory]
    [InlineData("CommitInterval", "5ms",
        "Invalid setting Processing:CommitInterval = '5ms': allowed is a duration from 10ms to 10m (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).")]
    [InlineData("Guarantee", "exactly-once",
        "Invalid setting Processing:Guarantee = 'exactly-once': allowed is one of ExactlyOnce, AtLeastOnce.")]
    [InlineData("TransactionTimeout", "16m",
        "Invalid setting Processing:TransactionTimeout = '16m': allowed is a duration from 1s to 15m (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).")]
    [InlineData("CheckpointInterval", "2h",
        "Invalid setting Processing:CheckpointInterval = '2h': allowed is a duration from 0ms to 1h (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).")]
    [InlineData("CommitMaxRecords", "lots",
        "Invalid setting Processing:CommitMaxRecords = 'lots': allowed is an integer from 1 to 100000000.")]
    public void Read_BadValue_ThrowsOneLineNamingKeyValueAndAllowed(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("Guarantee", "0")]
    [InlineData("CommitInterval", "11m")]
    [InlineData("CommitInterval", "-1s")]
    [InlineData("CommitInterval", "1 second")]
    [InlineData("CommitMaxRecords", "0")]
    [InlineData("TransactionTimeout", "999ms")]
    [InlineData("FlushConcurrency", "10001")]
    [InlineData("FlushConcurrency", "2.5")]
    [InlineData("RetryBackoff", "6m")]
    [InlineData("RetryBackoff", "soon")]
    [InlineData("CheckpointInterval", "-1s")]
    [InlineData("CheckpointInterval", "often")]
    public void Read_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal($"Processing:{key}", e.Key);
        Assert.StartsWith($"Invalid setting Processing:{key} = '{value}': allowed is ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999999999h")]
    [InlineData("1e300s")]
    public void Read_DurationTooLargeForTimeSpan_ThrowsInvalidSetting(string value)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read(("CommitInterval", value)));

        Assert.Equal(
            $"Invalid setting Processing:CommitInterval = '{value}': allowed is a duration from 10ms to 10m (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).",
            e.Message);
    }

    [Fact]
    public void Read_CombinationOfGuarantees_IsRejected()
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read(("Guarantee", "ExactlyOnce, AtLeastOnce")));

        Assert.Equal("Processing:Guarantee", e.Key);
    }

    private static ProcessingSettings Read(params (string Key, string? Value)[] values) =>
        ProcessingSettings.Read(TestConfiguration.Section(ProcessingSettings.SectionName, values));
}
