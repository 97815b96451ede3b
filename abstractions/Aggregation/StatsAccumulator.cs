namespace OrleansStreams.Aggregation;

/// <summary>The accumulator of <see cref="Aggregators.Stats"/> (32 bytes in snapshots).</summary>
/// <param name="Count">The number of values.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest value; <see cref="double.PositiveInfinity"/> without values.</param>
/// <param name="Max">The largest value; <see cref="double.NegativeInfinity"/> without values.</param>
public readonly record struct StatsAccumulator(long Count, double Sum, double Min, double Max)
{
    /// <summary>The accumulator without values.</summary>
    public static StatsAccumulator Empty { get; } = new(0, 0, double.PositiveInfinity, double.NegativeInfinity);
}
