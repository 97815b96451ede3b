using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Keeps the smallest value.</summary>
internal sealed class MinAggregator : IAggregator<double, double, double>
{
    public ISerde<double> AccumulatorSerde => Serdes.Double;

    public double Initialize() => double.PositiveInfinity;

    public double Add(double accumulator, double value) => Math.Min(accumulator, value);

    public double Merge(double left, double right) => Math.Min(left, right);

    public double Result(double accumulator) => accumulator;
}
