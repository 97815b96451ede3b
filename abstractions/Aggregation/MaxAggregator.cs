using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Keeps the largest value.</summary>
internal sealed class MaxAggregator : IAggregator<double, double, double>
{
    public ISerde<double> AccumulatorSerde => Serdes.Double;

    public double Initialize() => double.NegativeInfinity;

    public double Add(double accumulator, double value) => Math.Max(accumulator, value);

    public double Merge(double left, double right) => Math.Max(left, right);

    public double Result(double accumulator) => accumulator;
}
