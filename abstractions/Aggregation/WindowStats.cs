namespace OrleansStreams.Aggregation;

/// <summary>Count, sum, minimum, maximum and average of the values of one window.</summary>
/// <param name="Count">The number of values.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest value (<see cref="double.NaN"/> without values).</param>
/// <param name="Max">The largest value (<see cref="double.NaN"/> without values).</param>
/// <param name="Avg">Sum divided by count (<see cref="double.NaN"/> without values).</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.WindowStats")]
public readonly record struct WindowStats(
    [property: Id(0)] long Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double Min,
    [property: Id(3)] double Max,
    [property: Id(4)] double Avg);
