using System.Globalization;
using OrleansStreams.Client.Verification;
using OrleansStreams.Records;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// DESIGN's epoch invariant, checked from outside: epoch E's transaction holds exactly the outputs
/// whose causing offset lies in [s(E-1), s(E)). For every observed commit s(E) of a partition, every
/// committed output of that partition with epoch ≤ E was caused below s(E), and every one with a
/// later epoch at or above it.
/// </summary>
internal static class EpochInvariant
{
    public static List<string> Violations(IEnumerable<TopicRecord> outputs, IReadOnlyList<EpochEnd> commits)
    {
        var violations = new List<string>();
        var byPartition = commits.GroupBy(c => c.Partition).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Epoch).ToArray());
        foreach (var output in outputs)
        {
            if (!TryLong(output.Header(StreamHeaders.SourcePartition), out var partition)
                || !TryLong(output.Header(StreamHeaders.Epoch), out var epoch)
                || !TryLong(output.Header(StreamHeaders.CausingOffset), out var causing))
            {
                violations.Add($"output at {output.Partition}/{output.Offset} lacks the lineage headers");
                continue;
            }

            foreach (var commit in byPartition.GetValueOrDefault((int)partition, []))
            {
                var inside = epoch <= commit.Epoch ? causing < commit.Offset : causing >= commit.Offset;
                if (!inside)
                {
                    violations.Add($"output at {output.Partition}/{output.Offset} (epoch {epoch}, caused at {partition}/{causing}) contradicts the commit of epoch {commit.Epoch} at offset {commit.Offset}");
                    break;
                }
            }
        }

        foreach (var (partition, ends) in byPartition)
        {
            for (var i = 1; i < ends.Length; i++)
            {
                if (ends[i].Offset < ends[i - 1].Offset)
                {
                    violations.Add($"partition {partition}: epoch {ends[i].Epoch} committed offset {ends[i].Offset}, below epoch {ends[i - 1].Epoch}'s {ends[i - 1].Offset}");
                }
            }
        }

        return violations;
    }

    private static bool TryLong(string? text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
