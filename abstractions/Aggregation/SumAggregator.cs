using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Sums values.</summary>
internal sealed class SumAggregator : IAggregator<double, double, double>
{
    public ISerde<double> AccumulatorSerde => Serdes.Double;

    public double Initialize() => 0;

    public double Add(double accumulator, double value) => accumulator + value;

    public double Merge(double left, double right) => left + right;

    public double Result(double accumulator) => accumulator;
}
