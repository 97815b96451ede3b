using System.Text;
using System.Text.Json;

namespace OrleansStreams.Client.Verification;

/// <summary>Compares result records (<c>&lt;key&gt;@&lt;start&gt;</c> → the demo JSON) with expected windows.</summary>
public static class OutputComparer
{
    /// <summary>Compares.</summary>
    /// <param name="expected">Expected windows by output key.</param>
    /// <param name="outputs">The result records.</param>
    /// <returns>The counts.</returns>
    public static VerificationResult Compare(IReadOnlyDictionary<string, WindowAggregate> expected, IReadOnlyList<TopicRecord> outputs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(outputs);
        var seen = new Dictionary<string, WindowAggregate?>(StringComparer.Ordinal);
        var examples = new List<string>();
        int duplicate = 0, wrong = 0;
        foreach (var output in outputs)
        {
            var key = output.Key is null ? string.Empty : Encoding.UTF8.GetString(output.Key);
            var parsed = Parse(output.Value);
            if (!seen.TryAdd(key, parsed))
            {
                duplicate++;
                Example(examples, $"duplicate {key} (partition {output.Partition}, offset {output.Offset})");
                continue;
            }

            if (parsed is null || !expected.TryGetValue(key, out var want) || parsed.Key != want.Key || parsed.Start != want.Start || !parsed.SameValues(want))
            {
                wrong++;
                Example(examples, $"wrong {key}: expected {(expected.TryGetValue(key, out var w) ? w : "no result")}, found {(object?)parsed ?? "unreadable"}");
            }
        }

        var missing = 0;
        foreach (var (key, want) in expected)
        {
            if (!seen.ContainsKey(key))
            {
                missing++;
                Example(examples, $"missing {key}: expected {want}");
            }
        }

        return new VerificationResult(expected.Count, outputs.Count, missing, duplicate, wrong) { Examples = examples };
    }

    private static void Example(List<string> examples, string text)
    {
        if (examples.Count < 20)
        {
            examples.Add(text);
        }
    }

    /// <summary>Reads a demo result value, or <see langword="null"/> when it is not one.</summary>
    /// <param name="value">The record value.</param>
    /// <returns>The aggregate.</returns>
    public static WindowAggregate? Parse(byte[]? value)
    {
        try
        {
            using var document = JsonDocument.Parse(value ?? []);
            var root = document.RootElement;
            return new WindowAggregate(
                root.GetProperty("key").GetString() ?? string.Empty,
                root.GetProperty("start").GetInt64(),
                root.GetProperty("end").GetInt64(),
                root.GetProperty("count").GetInt64(),
                root.GetProperty("sum").GetDouble(),
                root.GetProperty("min").GetDouble(),
                root.GetProperty("max").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
