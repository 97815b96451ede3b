using OrleansStreams.Grains.State;

namespace OrleansStreams.Grains.Tests.State;

public sealed class CheckpointRowsTests
{
    [Fact]
    public void AddSnapshot_ManySnapshotsAcrossBlocks_EachRowKeepsItsOwnBytes()
    {
        var rows = new CheckpointRows();
        var expected = new List<(string Key, byte[]? Data)>();
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var key = $"key-{i}";
            if (i % 97 == 0)
            {
                rows.AddDeletion(key);
                expected.Add((key, null));
                continue;
            }

            // Mostly small, some near and over the block size, so rows straddle block ends.
            var length = i % 1_000 == 1 ? 70_000 + i : i % 500 == 2 ? 65_000 : random.Next(0, 200);
            var data = new byte[length];
            random.NextBytes(data);
            rows.AddSnapshot(key, data);
            expected.Add((key, data.ToArray()));
            data.AsSpan().Clear(); // the rows hold a copy, not the caller's buffer
        }

        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, rows[i].Key);
            Assert.Equal(expected[i].Data is null, rows[i].IsDeletion);
            Assert.Equal(expected[i].Data ?? [], rows[i].Data.ToArray());
        }
    }

    [Fact]
    public void Clear_ThenNewRows_OnlyTheNewRowsAreThere()
    {
        var rows = new CheckpointRows();
        rows.AddSnapshot("old", [1, 2, 3]);
        rows.Clear();

        rows.AddSnapshot("new", [4, 5]);

        var row = Assert.Single(rows);
        Assert.Equal("new", row.Key);
        Assert.Equal([4, 5], row.Data.ToArray());
    }
}
