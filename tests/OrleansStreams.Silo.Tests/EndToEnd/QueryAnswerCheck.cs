using System.Text;
using OrleansStreams.Client;
using OrleansStreams.Client.Verification;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// Checks query answers against the independent window oracle: an answer at position (partition,
/// offset) must hold exactly the records of that partition below the offset — no more (nothing
/// uncommitted, for committed reads), no less.
/// </summary>
internal static class QueryAnswerCheck
{
    /// <summary>One answer for one key, as a query loop saw it.</summary>
    /// <param name="Key">The key's answer.</param>
    /// <param name="Committed">Whether it was a committed read.</param>
    /// <param name="Positions">The positions of the whole answer: for a key not found, where each partition stood.</param>
    public sealed record Answer(KeyWindows Key, bool Committed, QueryPositions? Positions = null);

    /// <summary>Every disagreement between the answers and the oracle over the input below each answer's offset.</summary>
    /// <param name="input">The input topic, read whole.</param>
    /// <param name="answers">Answers of keys that were found (with a partition and a position).</param>
    /// <returns>One line per disagreement; empty when every answer is right.</returns>
    public static List<string> Problems(IReadOnlyList<TopicRecord> input, IEnumerable<Answer> answers)
    {
        var problems = new List<string>();
        var partitionOf = input.Where(r => r.Key is { Length: > 0 }).GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.First().Partition, StringComparer.Ordinal);

        // A key not found is checked at the position of the partition that holds it in the input.
        answers = [.. answers.Select(a => a.Key.Found || a.Positions is null || !partitionOf.TryGetValue(a.Key.Key, out var p) || !a.Positions.TryGetPosition(p, out var at)
            ? a
            : a with { Key = a.Key with { Partition = p, Position = at } })];
        foreach (var partition in answers.Where(a => a.Key.Position is not null).GroupBy(a => a.Key.Position!.Partition))
        {
            var records = input.Where(r => r.Partition == partition.Key).OrderBy(r => r.Offset).ToList();
            var oracle = new WindowOracle(WindowRule.Demo);
            var fed = 0;
            foreach (var answer in partition.OrderBy(a => a.Key.Position!.Offset))
            {
                var offset = answer.Key.Position!.Offset;
                while (fed < records.Count && records[fed].Offset < offset)
                {
                    oracle.Add(records[fed++]);
                }

                problems.AddRange(Compare(oracle.Windows(), answer).Select(p => $"{answer.Key.Key} at {partition.Key}@{offset} ({(answer.Committed ? "committed" : "latest")}): {p}"));
            }
        }

        return problems;
    }

    private static IEnumerable<string> Compare(Dictionary<string, (WindowAggregate Window, bool Final)> expected, Answer answer)
    {
        var key = answer.Key.Key;
        if (!answer.Key.Found)
        {
            if (expected.Values.Any(w => !w.Final && w.Window.Key == key))
            {
                yield return "not found, but the input below the offset leaves it an open window";
            }

            yield break;
        }

        var got = new HashSet<long>();
        foreach (var window in answer.Key.Windows)
        {
            var start = window.Start.ToUnixTimeMilliseconds();
            got.Add(start);
            if (!expected.TryGetValue($"{key}@{start}", out var want))
            {
                yield return $"window {start} is not in the input below the offset";
                continue;
            }

            var actual = new WindowAggregate(
                key, start, window.End.ToUnixTimeMilliseconds(), window.Result.GetProperty("count").GetInt64(), window.Result.GetProperty("sum").GetDouble(),
                window.Result.GetProperty("min").GetDouble(), window.Result.GetProperty("max").GetDouble());
            if (!actual.SameValues(want.Window))
            {
                yield return $"window {start} is {actual}, the input says {want.Window}";
            }

            // Latest reads mark a window final only once an epoch closed it, so only committed reads must agree exactly.
            if (answer.Committed && window.Final != want.Final)
            {
                yield return $"window {start} final={window.Final}, the input says final={want.Final}";
            }
        }

        foreach (var (name, (window, final)) in expected)
        {
            if (!final && window.Key == key && !got.Contains(window.Start))
            {
                yield return $"open window {window.Start} is missing";
            }
        }
    }

    /// <summary>The key a record was produced with.</summary>
    public static string KeyOf(TopicRecord record) => Encoding.UTF8.GetString(record.Key!);
}
