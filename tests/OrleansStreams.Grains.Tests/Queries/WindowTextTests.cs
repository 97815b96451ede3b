using OrleansStreams.Grains.Queries;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Queries;

/// <summary>The window line of pipeline listings (CLI <c>pipelines</c>, HTTP <c>/v1/pipelines</c>): durations as settings take them.</summary>
public sealed class WindowTextTests
{
    [Fact]
    public void Describe_EveryKind_NamesItsSizesGraceAndRetention()
    {
        Assert.Equal("tumbling 1m grace 10s retention 130s", WindowText.Describe(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10))));
        Assert.Equal("hopping 5m every 1m grace 0ms retention 6m", WindowText.Describe(WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1))));
        Assert.Equal("sliding 45s grace 5s retention 95s", WindowText.Describe(WindowSpec.Sliding(TimeSpan.FromSeconds(45)).WithGrace(TimeSpan.FromSeconds(5))));
        Assert.Equal("session gap 30s grace 0ms retention 1h", WindowText.Describe(WindowSpec.Session(TimeSpan.FromSeconds(30)).WithRetention(TimeSpan.FromHours(1))));
    }
}
