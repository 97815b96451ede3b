using OrleansStreams.Queries;

namespace OrleansStreams.Silo.Tests.Queries;

public sealed class ResultKeyFilterTests
{
    private static readonly StreamId Stream = StreamId.Create("sensors", ResultStreams.StreamKeyOf(2));
    private readonly ResultKeyFilter _filter = new();

    [Fact]
    public void ShouldDeliver_AWatchOfOneKey_OnlyThatKeysResults()
    {
        Assert.True(_filter.ShouldDeliver(Stream, Result("sensor-1"), "sensor-1"));
        Assert.False(_filter.ShouldDeliver(Stream, Result("sensor-2"), "sensor-1"));
        Assert.False(_filter.ShouldDeliver(Stream, Result("Sensor-1"), "sensor-1")); // keys compare exactly
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ShouldDeliver_AWatchOfEveryKey_Everything(string? filterData)
    {
        Assert.True(_filter.ShouldDeliver(Stream, Result("sensor-2"), filterData));
    }

    private static PublishedResult Result(string key) => new(key, 0, 60_000, true, [], 2, 1, 10);
}
