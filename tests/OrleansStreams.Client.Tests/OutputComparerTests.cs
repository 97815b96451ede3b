using System.Text;
using OrleansStreams.Client.Verification;

namespace OrleansStreams.Client.Tests;

public sealed class OutputComparerTests
{
    private static readonly Dictionary<string, WindowAggregate> Expected = new()
    {
        ["a@0"] = new WindowAggregate("a", 0, 60_000, 2, 3, 1, 2),
        ["b@0"] = new WindowAggregate("b", 0, 60_000, 1, 5, 5, 5),
    };

    [Fact]
    public void Compare_ExactOutput_Passes()
    {
        var result = OutputComparer.Compare(Expected, [Output("a@0", "a", 2, 3, 1, 2), Output("b@0", "b", 1, 5, 5, 5)]);

        Assert.True(result.Passed);
        Assert.Equal("expected=2 actual=2 missing=0 duplicate=0 wrong=0", result.ToString());
    }

    [Fact]
    public void Compare_MissingDuplicateAndWrong_CountsEach()
    {
        var result = OutputComparer.Compare(Expected,
        [
            Output("a@0", "a", 2, 3, 1, 2),
            Output("a@0", "a", 2, 3, 1, 2),
            Output("c@0", "c", 1, 1, 1, 1),
        ]);

        Assert.Equal("expected=2 actual=3 missing=1 duplicate=1 wrong=1", result.ToString());
        Assert.False(result.Passed);
    }

    [Fact]
    public void Compare_DifferentValue_IsWrong()
    {
        var result = OutputComparer.Compare(Expected, [Output("a@0", "a", 2, 3.5, 1, 2), Output("b@0", "b", 1, 5, 5, 5)]);

        Assert.Equal(1, result.Wrong);
    }

    private static TopicRecord Output(string outputKey, string key, long count, double sum, double min, double max) =>
        new(0, 0, 0, Encoding.UTF8.GetBytes(outputKey), Encoding.UTF8.GetBytes(FormattableString.Invariant(
            $"{{\"key\":\"{key}\",\"start\":0,\"end\":60000,\"count\":{count},\"sum\":{sum},\"min\":{min},\"max\":{max},\"avg\":{sum / count}}}")), []);
}
