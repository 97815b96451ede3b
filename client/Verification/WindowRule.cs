namespace OrleansStreams.Client.Verification;

/// <summary>
/// The windowing the verifier recomputes: tumbling (advance = size) or hopping windows over the
/// record timestamp, with a grace period, aggregating the JSON number property <see cref="ValueProperty"/>.
/// </summary>
public sealed record WindowRule
{
    /// <summary>The demo pipeline's rule: 1-minute tumbling windows, 10 s grace, property <c>value</c>.</summary>
    public static WindowRule Demo { get; } = new();

    /// <summary>Window length.</summary>
    public TimeSpan Size { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Distance between window starts; equal to <see cref="Size"/> for tumbling windows.</summary>
    public TimeSpan? Advance { get; init; }

    /// <summary>Grace period.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The JSON property holding the value.</summary>
    public string ValueProperty { get; init; } = "value";

    /// <summary>Values larger than this are dead letters.</summary>
    public int MaxValueBytes { get; init; } = 1024 * 1024;
}
