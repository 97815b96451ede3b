using OrleansStreams.Text;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Queries;

/// <summary>A window spec as one line of text, for pipeline listings: <c>tumbling 1m grace 10s retention 130s</c>.</summary>
internal static class WindowText
{
    public static string Describe(WindowSpec spec)
    {
        var shape = spec.Kind switch
        {
            WindowKind.Hopping => $"hopping {Durations.Format(spec.Size)} every {Durations.Format(spec.Advance)}",
            WindowKind.Session => $"session gap {Durations.Format(spec.Gap)}",
            _ => $"{spec.Kind.ToString().ToLowerInvariant()} {Durations.Format(spec.Size)}",
        };
        return $"{shape} grace {Durations.Format(spec.Grace)} retention {Durations.Format(spec.Retention)}";
    }
}
