using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansStreams.Client.Verification;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// Reads a run's output topic (read_committed) and compares it with the expected window counts, so that
/// no system wins by dropping work. Results are keyed <c>&lt;key&gt;@&lt;window start&gt;</c>; the count is
/// the <c>count</c> property of OrleansStreams' JSON or Streamiz's decimal text. <c>Final</c>: one result per
/// window, each equal to the expected count. <c>OnUpdate</c>: the last result per window equal to it. Both:
/// no window missing or extra, and the counts sum to the readings. The closing records' own windows are
/// not compared. The raw pipe's output must be the input again: the same records per partition, giving the
/// same windows.
/// </summary>
internal static class OutputCheck
{
    public static CheckResult Windows(string bootstrap, string topic, int partitions, EmitMode mode, PeerInput input)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        long duplicates = 0, unreadable = 0;
        var records = TopicScan.ForEach(bootstrap, topic, partitions, r =>
        {
            var key = r.Message.Key is { } k ? Encoding.UTF8.GetString(k) : "";
            if (key.StartsWith(PeerInput.ClosingKeyPrefix, StringComparison.Ordinal))
            {
                return;
            }

            if (!TryCount(r.Message.Value, out var count))
            {
                unreadable++;
                return;
            }

            if (mode == EmitMode.Final && seen.ContainsKey(key))
            {
                duplicates++;
            }

            seen[key] = count;
        });
        return Compare(seen, input, records, duplicates, unreadable);
    }

    public static CheckResult Pipe(string bootstrap, string topic, int partitions, PeerInput input)
    {
        var oracle = new WindowOracle(WindowRule.Demo);
        var records = TopicScan.ForEach(bootstrap, topic, partitions, r => oracle.Add(PeerInput.Record(r)));
        var seen = oracle.FinalWindows().ToDictionary(w => w.Key, w => w.Value.Count, StringComparer.Ordinal);
        var result = Compare(seen, input, records, 0, oracle.Unreadable);
        return records == input.Records ? result : result with { Ok = false, Summary = $"FAILED: {records:N0} records piped, {input.Records:N0} in the input; {result.Summary}" };
    }

    private static CheckResult Compare(Dictionary<string, long> seen, PeerInput input, long records, long duplicates, long unreadable)
    {
        long missing = 0, wrong = 0;
        foreach (var (key, count) in input.Expected)
        {
            if (!seen.TryGetValue(key, out var actual))
            {
                missing++;
            }
            else if (actual != count)
            {
                wrong++;
            }
        }

        var extra = seen.Keys.Count(k => !input.Expected.ContainsKey(k));
        var sum = seen.Values.Sum();
        var ok = missing == 0 && wrong == 0 && extra == 0 && duplicates == 0 && unreadable == 0 && sum == input.Readings;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{seen.Count:N0} windows from {records:N0} output records, Σ count {sum:N0}; missing {missing}, wrong {wrong}, extra {extra}, duplicate {duplicates}, unreadable {unreadable}");
        return new CheckResult(ok, ok ? $"ok: {summary}" : $"FAILED: {summary}", records);
    }

    private static bool TryCount(byte[]? value, out long count)
    {
        count = 0;
        if (value is not { Length: > 0 })
        {
            return false;
        }

        if (value[0] != (byte)'{')
        {
            return long.TryParse(Encoding.UTF8.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out count);
        }

        using var document = JsonDocument.Parse(value);
        return document.RootElement.TryGetProperty("count", out var property) && property.TryGetInt64(out count);
    }
}

/// <summary>The output check of one run.</summary>
internal sealed record CheckResult(bool Ok, string Summary, long OutputRecords);
