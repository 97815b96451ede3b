using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

public sealed class WindowSpecTests
{
    [Fact]
    public void Tumbling_Defaults_AdvanceIsSizeRetentionKeepsOneClosedWindow()
    {
        var spec = WindowSpec.Tumbling(Ms(60)).WithGrace(Ms(5));

        Assert.Equal((WindowKind.Tumbling, Ms(60), Ms(60), Ms(5), Ms(125), Ms(65)), (spec.Kind, spec.Size, spec.Advance, spec.Grace, spec.Retention, spec.MinimumRetention));
    }

    [Fact]
    public void Hopping_DefaultRetention_IsSizePlusGracePlusAdvance()
    {
        Assert.Equal(Ms(95), WindowSpec.Hopping(Ms(60), Ms(20)).WithGrace(Ms(15)).Retention);
    }

    [Fact]
    public void Session_DefaultRetention_IsTwiceTheGapPlusGrace()
    {
        var spec = WindowSpec.Session(Ms(30)).WithGrace(Ms(5));

        Assert.Equal((TimeSpan.Zero, Ms(30), Ms(65), Ms(35)), (spec.Size, spec.Gap, spec.Retention, spec.MinimumRetention));
    }

    [Fact]
    public void WithRetention_ThenWithGrace_KeepsExplicitRetention()
    {
        var spec = WindowSpec.Hopping(Ms(60), Ms(20)).WithRetention(Ms(600)).WithGrace(Ms(10));

        Assert.Equal(Ms(600), spec.Retention);
        Assert.Equal(spec, WindowSpec.Hopping(Ms(60), Ms(20)).WithGrace(Ms(10)).WithRetention(Ms(600)));
    }

    [Theory]
    [InlineData(0, "Tumbling window size must be positive, was 0 ms. (Parameter 'size')")]
    [InlineData(-5, "Tumbling window size must be positive, was -5 ms. (Parameter 'size')")]
    public void Tumbling_NonPositiveSize_ThrowsNamingTheValue(long size, string message) =>
        AssertInvalid(() => WindowSpec.Tumbling(Ms(size)), "size", message);

    [Fact]
    public void Hopping_AdvanceAboveSize_Throws() => AssertInvalid(
        () => WindowSpec.Hopping(Ms(10), Ms(11)),
        "advance",
        "Hopping window advance must not exceed the window size 10 ms, was 11 ms; windows would leave gaps. (Parameter 'advance')");

    [Fact]
    public void Hopping_ZeroAdvance_Throws() => AssertInvalid(
        () => WindowSpec.Hopping(Ms(10), TimeSpan.Zero),
        "advance",
        "Hopping window advance must be positive, was 0 ms. (Parameter 'advance')");

    [Fact]
    public void Sliding_FractionOfAMillisecond_Throws() => AssertInvalid(
        () => WindowSpec.Sliding(TimeSpan.FromTicks(15_000)),
        "size",
        "Sliding window size must be a whole number of milliseconds, was 00:00:00.0015000. (Parameter 'size')");

    [Fact]
    public void Session_ZeroGap_Throws() => AssertInvalid(
        () => WindowSpec.Session(TimeSpan.Zero),
        "gap",
        "Session inactivity gap must be positive, was 0 ms. (Parameter 'gap')");

    [Fact]
    public void Tumbling_AboveMaxDuration_Throws() => AssertInvalid(
        () => WindowSpec.Tumbling(WindowSpec.MaxDuration + Ms(1)),
        "size",
        "Tumbling window size must be at most 36500 days, was 3153600000001 ms. (Parameter 'size')");

    [Fact]
    public void WithGrace_Negative_Throws() => AssertInvalid(
        () => WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(-1)),
        "grace",
        "Grace must be zero or positive, was -1 ms. (Parameter 'grace')");

    [Fact]
    public void WithRetention_ShorterThanSizePlusGrace_Throws() => AssertInvalid(
        () => WindowSpec.Tumbling(Ms(10)).WithGrace(Ms(5)).WithRetention(Ms(14)),
        "retention",
        "Retention must be at least size + grace (15 ms) so a window is kept until it closes, was 14 ms. (Parameter 'retention')");

    [Fact]
    public void WithRetention_SessionShorterThanGapPlusGrace_Throws() => AssertInvalid(
        () => WindowSpec.Session(Ms(10)).WithRetention(Ms(9)),
        "retention",
        "Retention must be at least gap + grace (10 ms) so a window is kept until it closes, was 9 ms. (Parameter 'retention')");

    [Fact]
    public void WithGrace_LongerThanExplicitRetentionAllows_Throws() => AssertInvalid(
        () => WindowSpec.Tumbling(Ms(10)).WithRetention(Ms(12)).WithGrace(Ms(3)),
        "grace",
        "Grace 3 ms is too long for the retention 12 ms: retention must be at least size + grace (13 ms). (Parameter 'grace')");

    private static void AssertInvalid(Func<WindowSpec> create, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => create());
        Assert.Equal(parameter, error.ParamName);
        Assert.Equal(message, error.Message);
    }
}
