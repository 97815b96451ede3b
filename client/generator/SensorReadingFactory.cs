using System.Globalization;
using System.Text;

namespace OrleansStreams.Generation;

/// <summary>
/// Makes the demo pipeline's input: key <c>sensor-NNNNN</c> (Zipf-skewed), value
/// <c>{"value": x}</c>, timestamp near the generator's event-time clock — some out of order, a few
/// late, and a few unreadable. Pure: the same seed gives the same sequence.
/// </summary>
internal sealed class SensorReadingFactory(GeneratorOptions options)
{
    private readonly Random _random = new(options.Seed);
    private readonly ZipfSampler _keys = new(options.Keys, options.Skew);

    public (byte[]? Key, byte[] Value, long Timestamp) Next(long eventTime)
    {
        var key = Encoding.UTF8.GetBytes($"sensor-{_keys.Next(_random):D5}");
        var reading = Math.Round(20 + (_random.NextDouble() - 0.5) * 30, 3);
        var value = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"value\": {reading}}}"));
        var draw = _random.NextDouble();
        var timestamp = eventTime;
        if (draw < options.UnreadableShare)
        {
            return _random.Next(2) == 0 ? (null, value, timestamp) : (key, "{\"value\": oops"u8.ToArray(), timestamp);
        }

        draw -= options.UnreadableShare;
        if (draw < options.LateShare)
        {
            timestamp -= (long)options.LateBy.TotalMilliseconds;
        }
        else if (draw - options.LateShare < options.OutOfOrderShare)
        {
            timestamp -= _random.NextInt64(1, (long)options.DisorderMax.TotalMilliseconds + 1);
        }

        return (key, value, Math.Max(timestamp, 0));
    }
}
