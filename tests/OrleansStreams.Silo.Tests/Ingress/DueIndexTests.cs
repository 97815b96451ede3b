using OrleansStreams.Ingress;

namespace OrleansStreams.Silo.Tests.Ingress;

public sealed class DueIndexTests
{
    [Fact]
    public void CollectDue_SeveralKeys_ReturnsExactlyThoseDueByStreamTime()
    {
        var index = new DueIndex();
        index.Set("a", 100);
        index.Set("b", 200);
        index.Set("c", 300);
        index.Set("b", 250);
        index.Set("c", long.MaxValue);

        var due = new List<string>();
        index.CollectDue(250, due);

        Assert.Equal(["a", "b"], due);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Version_UnchangedValue_DoesNotMove()
    {
        var index = new DueIndex();
        index.Set("a", 100);
        var version = index.Version;

        index.Set("a", 100);
        index.Set("z", long.MaxValue);

        Assert.Equal(version, index.Version);
    }

    [Fact]
    public void ExportImport_RoundTrip_KeepsEveryEntry()
    {
        var index = new DueIndex();
        index.Set("a", 3);
        index.Set("b", 1);
        var (keys, due) = index.Export();

        var copy = new DueIndex();
        copy.Import(keys, due);
        var collected = new List<string>();
        copy.CollectDue(long.MaxValue - 1, collected);

        Assert.Equal(["b", "a"], collected);
    }
}
