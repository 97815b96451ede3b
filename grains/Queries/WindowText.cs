using System.Globalization;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Queries;

/// <summary>A window spec as one line of text, for pipeline listings: <c>tumbling 1m grace 10s retention 2m10s</c>.</summary>
internal static class WindowText
{
    public static string Describe(WindowSpec spec)
    {
        var shape = spec.Kind switch
        {
            WindowKind.Hopping => $"hopping {Duration(spec.Size)} every {Duration(spec.Advance)}",
            WindowKind.Session => $"session gap {Duration(spec.Gap)}",
            _ => $"{spec.Kind.ToString().ToLowerInvariant()} {Duration(spec.Size)}",
        };
        return $"{shape} grace {Duration(spec.Grace)} retention {Duration(spec.Retention)}";
    }

    /// <summary>Days, hours, minutes, seconds and milliseconds, largest first, zero parts left out (<c>0s</c> for zero).</summary>
    public static string Duration(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder();
        Part(text, value.Days, "d");
        Part(text, value.Hours, "h");
        Part(text, value.Minutes, "m");
        Part(text, value.Seconds, "s");
        Part(text, value.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Part(System.Text.StringBuilder text, int amount, string unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
