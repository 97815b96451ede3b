namespace OrleansStreams.Grains.Tests;

// Removed by the dev broker's first real test.
public sealed class PlaceholderTests
{
    [Fact]
    public void Assembly_Loads() => Assert.NotNull(typeof(PlaceholderTests).Assembly);
}
