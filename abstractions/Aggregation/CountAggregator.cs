using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>Counts values.</summary>
internal sealed class CountAggregator : IAggregator<double, long, long>
{
    public ISerde<long> AccumulatorSerde => Serdes.Int64;

    public long Initialize() => 0;

    public long Add(long accumulator, double value) => accumulator + 1;

    public long Merge(long left, long right) => left + right;

    public long Result(long accumulator) => accumulator;
}
