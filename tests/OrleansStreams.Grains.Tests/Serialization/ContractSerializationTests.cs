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

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }
}
