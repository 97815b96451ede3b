using OrleansStreams.Generation;
using OrleansStreams.Configuration;
using OrleansStreams.Embedded;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class EmbeddedSettingsTests
{
    [Fact]
    public void Read_NoBootstrapServers_RunsBrokerGeneratorAndProgressWithDefaults()
    {
        var settings = Read();

        Assert.True(settings.BrokerEnabled);
        Assert.True(settings.GeneratorEnabled);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ProgressInterval);
        Assert.Equal("127.0.0.1:9092", settings.Listen);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "kafka"), settings.DataDirectory);
        Assert.Equal(4, settings.Partitions);
        Assert.Equal(new GeneratorOptions(), settings.Generator);
        Assert.Equal(DemoPipeline.InputTopic, settings.Generator.Topic);
    }

    [Fact]
    public void Read_DefaultGenerator_ProducesTheDocumentedMix()
    {
        var generator = Read().Generator;

        Assert.Equal(
            ("sensor-readings", 1_000d, 0L, 1_000, 1.0, 1d, 0.005, 0.05, 0.0005, 7),
            (generator.Topic, generator.Rate, generator.Total, generator.Keys, generator.Skew, generator.EventTimeSpeed,
                generator.LateShare, generator.OutOfOrderShare, generator.UnreadableShare, generator.Seed));
    }

    [Fact]
    public void Read_BootstrapServersSet_RunsNoBrokerNoGeneratorNoProgress()
    {
        var settings = Read(("Kafka:BootstrapServers", "kafka:9092"));

        Assert.False(settings.BrokerEnabled);
        Assert.False(settings.GeneratorEnabled);
        Assert.Equal(TimeSpan.Zero, settings.ProgressInterval);
    }

    [Fact]
    public void Read_GeneratorEnabledAgainstExternalKafka_RunsTheGeneratorOnly()
    {
        var settings = Read(("Kafka:BootstrapServers", "kafka:9092"), ("Generator:Enabled", "true"), ("Progress:Interval", "10s"));

        Assert.False(settings.BrokerEnabled);
        Assert.True(settings.GeneratorEnabled);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ProgressInterval);
    }

    [Fact]
    public void Read_EmbeddedWithGeneratorAndProgressDisabled_RunsTheBrokerOnly()
    {
        var settings = Read(("Generator:Enabled", "false"), ("Progress:Interval", "0"));

        Assert.True(settings.BrokerEnabled);
        Assert.False(settings.GeneratorEnabled);
        Assert.Equal(TimeSpan.Zero, settings.ProgressInterval);
    }

    [Fact]
    public void Read_EveryValueSet_BindsEachOne()
    {
        var settings = Read(
            ("DevBroker:Listen", "0.0.0.0:19092"),
            ("DevBroker:DataDirectory", "state/broker"),
            ("DevBroker:Partitions", "12"),
            ("Generator:Topic", "test-readings"),
            ("Generator:Rate", "0"),
            ("Generator:Total", "1000000"),
            ("Generator:Keys", "10"),
            ("Generator:Skew", "0"),
            ("Generator:EventTimeSpeed", "60"),
            ("Generator:LateShare", "0.1"),
            ("Generator:OutOfOrderShare", "1"),
            ("Generator:UnreadableShare", "0"),
            ("Generator:Seed", "-3"),
            ("Progress:Interval", "250ms"));

        Assert.Equal("0.0.0.0:19092", settings.Listen);
        Assert.Equal(Path.GetFullPath(Path.Combine("state", "broker")), settings.DataDirectory);
        Assert.True(Path.IsPathRooted(settings.DataDirectory));
        Assert.Equal(12, settings.Partitions);
        Assert.Equal(
            new GeneratorOptions
            {
                Topic = "test-readings",
                Rate = 0,
                Total = 1_000_000,
                Keys = 10,
                Skew = 0,
                EventTimeSpeed = 60,
                LateShare = 0.1,
                OutOfOrderShare = 1,
                UnreadableShare = 0,
                Seed = -3,
            },
            settings.Generator);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.ProgressInterval);
    }

    [Theory]
    [InlineData("DevBroker:Listen", "localhost",
        "Invalid setting DevBroker:Listen = 'localhost': allowed is host:port with a port from 1 to 65535.")]
    [InlineData("DevBroker:Partitions", "0",
        "Invalid setting DevBroker:Partitions = '0': allowed is an integer from 1 to 1000.")]
    [InlineData("Generator:Rate", "-1",
        "Invalid setting Generator:Rate = '-1': allowed is a number from 0 to 10000000.")]
    [InlineData("Generator:LateShare", "5%",
        "Invalid setting Generator:LateShare = '5%': allowed is a number from 0 to 1.")]
    [InlineData("Generator:EventTimeSpeed", "0",
        "Invalid setting Generator:EventTimeSpeed = '0': allowed is a number from 0.001 to 1000000.")]
    [InlineData("Generator:Enabled", "maybe",
        "Invalid setting Generator:Enabled = 'maybe': allowed is true or false.")]
    [InlineData("Progress:Interval", "2h",
        "Invalid setting Progress:Interval = '2h': allowed is a duration from 0ms to 1h (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss).")]
    public void Read_BadValue_ThrowsOneLineNamingKeyValueAndAllowed(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal(expected, e.Message);
        Assert.Equal(key, e.Key);
    }

    [Theory]
    [InlineData("DevBroker:Listen", "127.0.0.1:0")]
    [InlineData("DevBroker:Listen", "127.0.0.1:65536")]
    [InlineData("DevBroker:Listen", ":9092")]
    [InlineData("DevBroker:Partitions", "1001")]
    [InlineData("Generator:Rate", "NaN")]
    [InlineData("Generator:Rate", "fast")]
    [InlineData("Generator:Total", "-1")]
    [InlineData("Generator:Keys", "0")]
    [InlineData("Generator:Skew", "10.5")]
    [InlineData("Generator:OutOfOrderShare", "1.01")]
    [InlineData("Generator:UnreadableShare", "-0.1")]
    [InlineData("Generator:Seed", "seven")]
    [InlineData("Progress:Interval", "-5s")]
    public void Read_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal(key, e.Key);
        Assert.StartsWith($"Invalid setting {key} = '{value}': allowed is ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoKafkaSettings_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => EmbeddedSettings.Read(TestConfiguration.Build(), null!));
    }

    private static EmbeddedSettings Read(params (string Key, string? Value)[] values)
    {
        var configuration = TestConfiguration.Build(values);
        return EmbeddedSettings.Read(configuration, KafkaSettings.Read(configuration));
    }
}
