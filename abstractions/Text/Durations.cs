using System.Globalization;

namespace OrleansStreams.Text;

/// <summary>Durations the way operators write them in settings and on command lines: <c>250ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c> or <c>hh:mm:ss</c>.</summary>
internal static class Durations
{
    /// <summary>Parses a non-negative duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration.</param>
    /// <returns>Whether the text is a duration.</returns>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        (string Suffix, double Milliseconds)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0 && number * ms <= TimeSpan.MaxValue.TotalMilliseconds)
            {
                value = TimeSpan.FromMilliseconds(number * ms);
                return true;
            }
        }

        // A bare number would otherwise be read as days: only 0 (unambiguous) and hh:mm:ss forms.
        value = TimeSpan.Zero;
        return text == "0" || (text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero);
    }

    /// <summary>Formats a duration in the shortest of those forms.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>E.g. <c>10s</c>.</returns>
    public static string Format(TimeSpan value) => value switch
    {
        { TotalHours: >= 1 } when value.TotalHours == Math.Floor(value.TotalHours) => $"{value.TotalHours:0}h",
        { TotalMinutes: >= 1 } when value.TotalMinutes == Math.Floor(value.TotalMinutes) => $"{value.TotalMinutes:0}m",
        { TotalSeconds: >= 1 } when value.TotalSeconds == Math.Floor(value.TotalSeconds) => $"{value.TotalSeconds:0}s",
        _ => $"{value.TotalMilliseconds:0}ms",
    };
}
