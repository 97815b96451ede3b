namespace OrleansStreams.Windows;

/// <summary>
/// A half-open time interval <c>[Start, End)</c> in milliseconds since the Unix epoch: a record
/// at <c>t</c> belongs to it when <c>Start &lt;= t &lt; End</c>.
/// </summary>
/// <param name="Start">The first millisecond in the window.</param>
/// <param name="End">The first millisecond after the window.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.TimeWindow")]
public readonly record struct TimeWindow([property: Id(0)] long Start, [property: Id(1)] long End)
{
    /// <summary>Whether <paramref name="time"/> lies in the window.</summary>
    /// <param name="time">A time in milliseconds since the Unix epoch.</param>
    /// <returns><see langword="true"/> when <c>Start &lt;= time &lt; End</c>.</returns>
    public bool Contains(long time) => Start <= time && time < End;

    /// <summary>Formats the window as <c>[Start, End)</c>.</summary>
    /// <returns>The window as text.</returns>
    public override string ToString() => $"[{Start}, {End})";
}
