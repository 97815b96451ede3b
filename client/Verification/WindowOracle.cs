using System.Text;
using System.Text.Json;

namespace OrleansStreams.Client.Verification;

/// <summary>
/// An independent batch computation of a windowed pipeline's final results from its whole input:
/// per partition in offset order, stream time is the largest timestamp of the records that have a
/// key and a valid timestamp; a record is late for a window when <c>end + grace &lt;= stream time</c>;
/// a window is final when its partition's stream time at the end of the input reached <c>end + grace</c>.
/// Written apart from the window engine on purpose, so the two can check each other.
/// </summary>
public sealed class WindowOracle(WindowRule rule)
{
    private readonly long _size = (long)rule.Size.TotalMilliseconds;
    private readonly long _advance = (long)(rule.Advance ?? rule.Size).TotalMilliseconds;
    private readonly long _grace = (long)rule.Grace.TotalMilliseconds;
    private readonly Dictionary<(string Key, long Start), Accumulator> _open = [];
    private readonly Dictionary<string, int> _partitionOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _streamTime = [];

    /// <summary>Records that missed at least one window.</summary>
    public long Late { get; private set; }

    /// <summary>Records that cannot be read (no key, bad timestamp, bad value, too big).</summary>
    public long Unreadable { get; private set; }

    /// <summary>Feeds one input record; records of a partition must come in offset order.</summary>
    /// <param name="record">The record.</param>
    public void Add(TopicRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if ((record.Value?.Length ?? 0) > rule.MaxValueBytes || record.Key is not { Length: > 0 } || !TryKey(record.Key, out var key)
            || record.Timestamp is < 0 or > 253_402_300_799_999)
        {
            Unreadable++;
            return;
        }

        var streamTime = _streamTime[record.Partition] = Math.Max(_streamTime.GetValueOrDefault(record.Partition, long.MinValue), record.Timestamp);
        if (!TryValue(record.Value, out var value))
        {
            Unreadable++;
            return;
        }

        _partitionOf[key] = record.Partition;
        var late = false;
        var t = record.Timestamp;
        var lastStart = t - Mod(t, _advance);
        for (var start = lastStart; start > t - _size; start -= _advance)
        {
            if (start + _size + _grace <= streamTime)
            {
                late = true;
                continue;
            }

            if (!_open.TryGetValue((key, start), out var acc))
            {
                _open[(key, start)] = acc = new Accumulator();
            }

            acc.Add(value);
        }

        if (late)
        {
            Late++;
        }
    }

    /// <summary>The windows final by the end of the input, by output key <c>&lt;key&gt;@&lt;start&gt;</c>.</summary>
    /// <returns>The expected results.</returns>
    public Dictionary<string, WindowAggregate> FinalWindows()
    {
        var result = new Dictionary<string, WindowAggregate>(StringComparer.Ordinal);
        foreach (var ((key, start), acc) in _open)
        {
            if (start + _size + _grace <= _streamTime[_partitionOf[key]])
            {
                result[$"{key}@{start}"] = new WindowAggregate(key, start, start + _size, acc.Count, acc.Sum, acc.Min, acc.Max);
            }
        }

        return result;
    }

    /// <summary>Every window the input formed so far, open or final, by output key <c>&lt;key&gt;@&lt;start&gt;</c>.</summary>
    /// <returns>The windows, each with whether it is final.</returns>
    public Dictionary<string, (WindowAggregate Window, bool Final)> Windows()
    {
        var result = new Dictionary<string, (WindowAggregate, bool)>(StringComparer.Ordinal);
        foreach (var ((key, start), acc) in _open)
        {
            var final = start + _size + _grace <= _streamTime[_partitionOf[key]];
            result[$"{key}@{start}"] = (new WindowAggregate(key, start, start + _size, acc.Count, acc.Sum, acc.Min, acc.Max), final);
        }

        return result;
    }

    private static long Mod(long t, long m) => ((t % m) + m) % m;

    private static bool TryKey(byte[] bytes, out string key)
    {
        try
        {
            key = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            key = string.Empty;
            return false;
        }
    }

    private bool TryValue(byte[]? bytes, out double value)
    {
        value = 0;
        try
        {
            using var document = JsonDocument.Parse(bytes ?? []);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(rule.ValueProperty, out var property)
                && property.ValueKind == JsonValueKind.Number
                && property.TryGetDouble(out value)
                && double.IsFinite(value);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed class Accumulator
    {
        public long Count { get; private set; }

        public double Sum { get; private set; }

        public double Min { get; private set; } = double.PositiveInfinity;

        public double Max { get; private set; } = double.NegativeInfinity;

        public void Add(double value)
        {
            Count++;
            Sum += value;
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }
    }
}
