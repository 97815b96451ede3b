namespace OrleansStreams.Aggregation;

/// <summary>The accumulator of <see cref="Aggregators.Average"/> (16 bytes in snapshots).</summary>
/// <param name="Count">The number of values.</param>
/// <param name="Sum">Their sum.</param>
public readonly record struct AverageAccumulator(long Count, double Sum);
