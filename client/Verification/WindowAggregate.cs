namespace OrleansStreams.Client.Verification;

/// <summary>One window's result, as the demo pipeline reports it.</summary>
/// <param name="Key">The sensor key.</param>
/// <param name="Start">Window start (inclusive), ms since the Unix epoch.</param>
/// <param name="End">Window end (exclusive).</param>
/// <param name="Count">Records aggregated.</param>
/// <param name="Sum">Sum of values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public sealed record WindowAggregate(string Key, long Start, long End, long Count, double Sum, double Min, double Max)
{
    /// <summary>The mean value.</summary>
    public double Avg => Count == 0 ? 0 : Sum / Count;

    /// <summary>Whether <paramref name="other"/> has the same values, allowing for rounding in the last digits.</summary>
    /// <param name="other">The other aggregate.</param>
    /// <returns>True when they agree.</returns>
    public bool SameValues(WindowAggregate other) =>
        other.Count == Count && Close(other.Sum, Sum) && Close(other.Min, Min) && Close(other.Max, Max) && other.End == End;

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
