using System.Text;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Keys;

namespace OrleansStreams.Grains.Tests.Committer;

public sealed class OutputOrderTests
{
    [Fact]
    public void SortByCausingOffset_ManyOutputsOfTheSameRecords_KeepsTheirOrderWithinEachOffset()
    {
        // Enough outputs that an unstable sort would reorder equal offsets (small lists are insertion-sorted).
        var random = new Random(7);
        var outputs = Enumerable.Range(0, 5_000)
            .Select(i => Output(random.Next(0, 50), $"made-{i:D5}"))
            .ToList();
        var expected = outputs.OrderBy(o => o.CausingOffset).Select(Name).ToList(); // LINQ's OrderBy is stable

        OutputOrder.SortByCausingOffset(outputs);

        Assert.Equal(expected, outputs.Select(Name));
    }

    [Fact]
    public void SortByCausingOffset_SessionRetractionThenMergedUpdateOfOneKey_TombstoneStaysFirst()
    {
        List<OutputRecord> outputs = [Output(9, "other"), .. Enumerable.Range(0, 40).Select(i => Output(8, $"filler-{i}")), Output(7, "session@100", value: null), Output(7, "session@100", value: "merged")];

        OutputOrder.SortByCausingOffset(outputs);

        var session = outputs.Where(o => Name(o) == "session@100").ToList();
        Assert.Equal([null, "merged"], session.Select(o => o.Value is null ? null : Encoding.UTF8.GetString(o.Value)));
        Assert.Equal(outputs.Select(o => o.CausingOffset).Order(), outputs.Select(o => o.CausingOffset));
    }

    private static OutputRecord Output(long offset, string key, string? value = "v") =>
        new(OutputKind.Result, offset, -1, 0, Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value), null);

    private static string Name(OutputRecord output) => Encoding.UTF8.GetString(output.Key!);
}
