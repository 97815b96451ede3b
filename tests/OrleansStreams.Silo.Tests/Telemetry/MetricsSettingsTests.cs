using Microsoft.Extensions.Configuration;
using OrleansStreams.Configuration;

namespace OrleansStreams.Silo.Tests.Telemetry;

public sealed class MetricsSettingsTests
{
    [Fact]
    public void Read_NoSettings_EnabledOnLoopback9464WithoutOtlp()
    {
        var settings = MetricsSettings.Read(Configuration());

        Assert.True(settings.Enabled);
        Assert.Equal(("127.0.0.1", 9464), (settings.Listen.Host, settings.Listen.Port));
        Assert.Null(settings.OtlpEndpoint);
        Assert.Equal(MetricsSettings.DefaultTraceEvery, settings.TraceEvery);
    }

    [Fact]
    public void Read_AllSettings_AreTaken()
    {
        var settings = MetricsSettings.Read(Configuration(
            ("Enabled", "false"), ("Listen", "0.0.0.0:0"), ("OtlpEndpoint", "http://collector:4317"), ("TraceEvery", "0")));

        Assert.False(settings.Enabled);
        Assert.Equal(("0.0.0.0", 0), (settings.Listen.Host, settings.Listen.Port));
        Assert.Equal(new Uri("http://collector:4317"), settings.OtlpEndpoint);
        Assert.Equal(0, settings.TraceEvery);
    }

    [Theory]
    [InlineData("Listen", "9464", "Invalid setting Metrics:Listen = '9464': allowed is host:port with a port from 0 (any free port) to 65535.")]
    [InlineData("Listen", "127.0.0.1:70000", "Invalid setting Metrics:Listen = '127.0.0.1:70000': allowed is host:port with a port from 0 (any free port) to 65535.")]
    [InlineData("Enabled", "yes", "Invalid setting Metrics:Enabled = 'yes': allowed is true or false.")]
    [InlineData("OtlpEndpoint", "collector:4317", "Invalid setting Metrics:OtlpEndpoint = 'collector:4317': allowed is an absolute http:// or https:// URL, e.g. http://127.0.0.1:4317.")]
    [InlineData("TraceEvery", "-1", "Invalid setting Metrics:TraceEvery = '-1': allowed is an integer from 0 to 2147483647.")]
    public void Read_BadValue_ThrowsOneLineNamingKeyValueAndAllowed(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() => MetricsSettings.Read(Configuration((key, value))));

        Assert.Equal(expected, e.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Metrics:{v.Key}", v.Value)))
            .Build();
}
