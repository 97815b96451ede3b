using System.Buffers;
using OrleansStreams.Aggregation;
using OrleansStreams.Serialization;

namespace OrleansStreams.Grains.Tests.Aggregation;

public sealed class AggregatorsTests
{
    private static readonly double[] Values = [3, -1, 7.5, 2];

    [Fact]
    public void Count_Values_CountsThem() => AssertAggregates(Aggregators.Count, 4L, 8);

    [Fact]
    public void Sum_Values_AddsThem() => AssertAggregates(Aggregators.Sum, 11.5, 8);

    [Fact]
    public void Min_Values_KeepsTheSmallest() => AssertAggregates(Aggregators.Min, -1.0, 8);

    [Fact]
    public void Max_Values_KeepsTheLargest() => AssertAggregates(Aggregators.Max, 7.5, 8);

    [Fact]
    public void Average_Values_IsSumOverCount() => AssertAggregates(Aggregators.Average, 2.875, 16);

    [Fact]
    public void Stats_Values_ReportsAllFive() =>
        AssertAggregates(Aggregators.Stats, new WindowStats(4, 11.5, -1, 7.5, 2.875), 32);

    [Fact]
    public void Stats_NoValues_ReportsZeroCountAndNaN()
    {
        var result = Aggregators.Stats.Result(Aggregators.Stats.Initialize());

        Assert.Equal(0, result.Count);
        Assert.Equal(0, result.Sum);
        Assert.True(double.IsNaN(result.Min) && double.IsNaN(result.Max) && double.IsNaN(result.Avg));
        Assert.True(double.IsNaN(Aggregators.Average.Result(Aggregators.Average.Initialize())));
    }

    [Fact]
    public void Deserialize_WrongLength_Throws() =>
        Assert.Throws<InvalidDataException>(() => Aggregators.Stats.AccumulatorSerde.Deserialize(new byte[31]));

    /// <summary>
    /// Checks the result of adding <see cref="Values"/>, that merging any split gives the same
    /// accumulator, and that the serde round-trips in exactly its fixed size.
    /// </summary>
    private static void AssertAggregates<TAccumulator, TResult>(
        IAggregator<double, TAccumulator, TResult> aggregator, TResult expected, int size)
    {
        var accumulator = Fold(aggregator, Values);
        Assert.Equal(expected, aggregator.Result(accumulator));

        for (var split = 0; split <= Values.Length; split++)
        {
            var merged = aggregator.Merge(Fold(aggregator, Values[..split]), Fold(aggregator, Values[split..]));
            Assert.Equal(accumulator, merged);
        }

        var serde = Assert.IsAssignableFrom<IFixedSizeSerde<TAccumulator>>(aggregator.AccumulatorSerde);
        var writer = new ArrayBufferWriter<byte>();
        serde.Serialize(accumulator, writer);
        Assert.Equal(size, serde.Size);
        Assert.Equal(size, writer.WrittenCount);
        Assert.Equal(accumulator, serde.Deserialize(writer.WrittenSpan));
    }

    private static TAccumulator Fold<TAccumulator, TResult>(IAggregator<double, TAccumulator, TResult> aggregator, double[] values)
    {
        var accumulator = aggregator.Initialize();
        foreach (var value in values)
        {
            accumulator = aggregator.Add(accumulator, value);
        }

        return accumulator;
    }
}
