using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansStreams.Aggregation;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Serialization;

/// <summary>The window contracts cross grain boundaries: Orleans' serializer must round-trip them.</summary>
public sealed class ContractSerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Fact]
    public void Serialize_WindowSpecWithRetention_RoundTrips()
    {
        var spec = WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1))
            .WithGrace(TimeSpan.FromSeconds(10))
            .WithRetention(TimeSpan.FromHours(1));

        var copy = RoundTrip(spec);

        Assert.Equal(spec, copy);
        Assert.Equal(TimeSpan.FromHours(1), copy.Retention);
    }

    [Fact]
    public void Serialize_WindowSpecWithDefaultRetention_KeepsItDerived()
    {
        var copy = RoundTrip(WindowSpec.Session(TimeSpan.FromSeconds(30)));

        Assert.Equal(WindowSpec.Session(TimeSpan.FromSeconds(30)), copy);
        Assert.Equal(TimeSpan.FromSeconds(70), copy.WithGrace(TimeSpan.FromSeconds(10)).Retention);
    }

    [Fact]
    public void Serialize_WindowResultOfStats_RoundTrips()
    {
        var result = new WindowResult<WindowStats>(new TimeWindow(-60_000, 0), new WindowStats(3, 6, 1, 3, 2), IsClosed: true);

        Assert.Equal(result, RoundTrip(result));
    }

    [Fact]
    public void Serialize_FlushResultWithCheckpointRows_RoundTripsRowsAndDeletions()
    {
        // A flush answered by a state grain on another silo arrives as a copy: the rows' snapshots must survive it.
        var rows = OrleansStreams.Grains.State.CheckpointRows.Pool.Rent();
        rows.AddSnapshot("a", [1, 2, 3]);
        rows.AddDeletion("b");
        rows.AddSnapshot("c", []);
        var flush = new OrleansStreams.Grains.State.StateFlushResult { Status = OrleansStreams.Grains.State.StateCallStatus.Done, Outputs = [], Rows = rows, KeysClosed = 2, KeysHeld = 5 };

        var copy = RoundTrip(flush);

        Assert.Equal(
            [("a", false, "010203"), ("b", true, ""), ("c", false, "")],
            copy.Rows.Select(r => (r.Key, r.IsDeletion, Convert.ToHexString(r.Data.Span))));
        Assert.Equal((2, 5), (copy.KeysClosed, copy.KeysHeld));
    }

    [Fact]
    public void Serialize_PublishedResult_RoundTrips()
    {
        var result = new OrleansStreams.Queries.PublishedResult("sensor-1", 0, 60_000, true, [(byte)'{', (byte)'}'], 3, 17, 4_211);

        var copy = RoundTrip(result);

        Assert.Equal((result.Key, result.Start, result.End, result.Final, result.Partition, result.Epoch, result.CausingOffset), (copy.Key, copy.Start, copy.End, copy.Final, copy.Partition, copy.Epoch, copy.CausingOffset));
        Assert.Equal(result.Value, copy.Value);
    }

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }
}
