namespace OrleansStreams.Aggregation;

/// <summary>
/// Built-in aggregators over <see cref="double"/> values. Their accumulators are small structs
/// with fixed-size serdes; min and max follow <see cref="Math.Min(double, double)"/> and
/// <see cref="Math.Max(double, double)"/> (a NaN value makes the result NaN).
/// </summary>
public static class Aggregators
{
    /// <summary>The number of values.</summary>
    public static IAggregator<double, long, long> Count { get; } = new CountAggregator();

    /// <summary>The sum of the values (0 without values).</summary>
    public static IAggregator<double, double, double> Sum { get; } = new SumAggregator();

    /// <summary>The smallest value (<see cref="double.PositiveInfinity"/> without values).</summary>
    public static IAggregator<double, double, double> Min { get; } = new MinAggregator();

    /// <summary>The largest value (<see cref="double.NegativeInfinity"/> without values).</summary>
    public static IAggregator<double, double, double> Max { get; } = new MaxAggregator();

    /// <summary>The mean of the values (<see cref="double.NaN"/> without values).</summary>
    public static IAggregator<double, AverageAccumulator, double> Average { get; } = new AverageAggregator();

    /// <summary>Count, sum, min, max and average together.</summary>
    public static IAggregator<double, StatsAccumulator, WindowStats> Stats { get; } = new StatsAggregator();
}
