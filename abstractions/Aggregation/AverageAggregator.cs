using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Averages values.</summary>
internal sealed class AverageAggregator : IAggregator<double, AverageAccumulator, double>
{
    public ISerde<AverageAccumulator> AccumulatorSerde { get; } = new AverageAccumulatorSerde();

    public AverageAccumulator Initialize() => default;

    public AverageAccumulator Add(AverageAccumulator accumulator, double value) =>
        new(accumulator.Count + 1, accumulator.Sum + value);

    public AverageAccumulator Merge(AverageAccumulator left, AverageAccumulator right) =>
        new(left.Count + right.Count, left.Sum + right.Sum);

    public double Result(AverageAccumulator accumulator) =>
        accumulator.Count == 0 ? double.NaN : accumulator.Sum / accumulator.Count;
}
