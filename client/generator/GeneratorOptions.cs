namespace OrleansStreams.Generation;

/// <summary>What the sensor-reading load generator produces.</summary>
public sealed record GeneratorOptions
{
    /// <summary>The topic to produce to.</summary>
    /// <value>Defaults to <c>sensor-readings</c>.</value>
    public string Topic { get; init; } = "sensor-readings";

    /// <summary>Records per second; 0 produces as fast as the broker takes them.</summary>
    /// <value>Defaults to 1,000.</value>
    public double Rate { get; init; } = 1_000;

    /// <summary>Records in the topic at which to stop (counting what earlier runs produced); 0 runs until stopped.</summary>
    public long Total { get; init; }

    /// <summary>Distinct sensors (keys).</summary>
    /// <value>Defaults to 1,000.</value>
    public int Keys { get; init; } = 1_000;

    /// <summary>Zipf exponent of the key distribution: 0 is uniform, 1 is classic Zipf.</summary>
    /// <value>Defaults to 1.0.</value>
    public double Skew { get; init; } = 1.0;

    /// <summary>Event-time milliseconds that pass per wall-clock millisecond at the nominal rate.</summary>
    /// <value>Defaults to 1 (event time follows the clock).</value>
    public double EventTimeSpeed { get; init; } = 1;

    /// <summary>Share of records whose timestamp lies up to <see cref="DisorderMax"/> in the past (out of order, within grace).</summary>
    /// <value>Defaults to 0.05.</value>
    public double OutOfOrderShare { get; init; } = 0.05;

    /// <summary>How far back an out-of-order record may lie.</summary>
    /// <value>Defaults to 8 s.</value>
    public TimeSpan DisorderMax { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Share of records so far in the past that they miss their window (late).</summary>
    /// <value>Defaults to 0.005.</value>
    public double LateShare { get; init; } = 0.005;

    /// <summary>How far back a late record lies.</summary>
    /// <value>Defaults to 2 min.</value>
    public TimeSpan LateBy { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of unreadable records (bad JSON or no key), which the pipeline dead-letters.</summary>
    /// <value>Defaults to 0.0005.</value>
    public double UnreadableShare { get; init; } = 0.0005;

    /// <summary>Random seed; the same seed gives the same keys and values.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Topic);
        ArgumentOutOfRangeException.ThrowIfNegative(Rate);
        ArgumentOutOfRangeException.ThrowIfNegative(Total);
        ArgumentOutOfRangeException.ThrowIfLessThan(Keys, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Skew);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EventTimeSpeed);
        foreach (var share in new[] { OutOfOrderShare, LateShare, UnreadableShare })
        {
            ArgumentOutOfRangeException.ThrowIfNegative(share);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        }
    }
}
