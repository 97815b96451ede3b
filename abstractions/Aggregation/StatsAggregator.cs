using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Count, sum, min, max and average together.</summary>
internal sealed class StatsAggregator : IAggregator<double, StatsAccumulator, WindowStats>
{
    public ISerde<StatsAccumulator> AccumulatorSerde { get; } = new StatsAccumulatorSerde();

    public StatsAccumulator Initialize() => StatsAccumulator.Empty;

    public StatsAccumulator Add(StatsAccumulator accumulator, double value) => new(
        accumulator.Count + 1,
        accumulator.Sum + value,
        Math.Min(accumulator.Min, value),
        Math.Max(accumulator.Max, value));

    public StatsAccumulator Merge(StatsAccumulator left, StatsAccumulator right) => new(
        left.Count + right.Count,
        left.Sum + right.Sum,
        Math.Min(left.Min, right.Min),
        Math.Max(left.Max, right.Max));

    public WindowStats Result(StatsAccumulator accumulator) => accumulator.Count == 0
        ? new WindowStats(0, 0, double.NaN, double.NaN, double.NaN)
        : new WindowStats(
            accumulator.Count,
            accumulator.Sum,
            accumulator.Min,
            accumulator.Max,
            accumulator.Sum / accumulator.Count);
}
