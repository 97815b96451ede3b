namespace OrleansStreams.Client.Tests.Queries;

public sealed class QueryPositionsTests
{
    [Fact]
    public void Constructor_TwoPositionsOfAPartition_KeepsTheHigherOffset()
    {
        var positions = new QueryPositions([new QueryPosition(1, 2, 7, 300), new QueryPosition(1, 3, 1, 250), new QueryPosition(0, 1, 1, 5)]);

        Assert.Equal(2, positions.Count);
        Assert.True(positions.TryGetPosition(1, out var kept));
        Assert.Equal(300, kept.Offset);
        Assert.Equal([0, 1], positions.Select(p => p.Partition));
        Assert.False(positions.TryGetPosition(2, out _));
    }

    [Fact]
    public void Union_OverlappingPartitions_HigherOffsetOfEach()
    {
        var a = new QueryPositions([new QueryPosition(0, 1, 1, 10), new QueryPosition(1, 1, 1, 50)]);
        var b = new QueryPositions([new QueryPosition(1, 1, 1, 40), new QueryPosition(2, 1, 1, 7)]);

        var union = a.Union(b);

        Assert.Equal("0@10 1@50 2@7", union.ToString());
    }

    [Fact]
    public void Empty_HasNoPosition()
    {
        Assert.Empty(QueryPositions.Empty);
    }
}
