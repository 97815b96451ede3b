using OrleansStreams.Text;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("0", 0)]
    public void TryParse_DocumentedForms_Parse(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("5")] // would be five days to TimeSpan.Parse
    [InlineData("-1s")]
    [InlineData("9999999999h")]
    [InlineData("1e300s")]
    [InlineData("soon")]
    public void TryParse_AmbiguousNegativeOrHugeValues_AreRejected(string text) =>
        Assert.False(Durations.TryParse(text, out _));
}
