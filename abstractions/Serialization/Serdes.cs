namespace OrleansStreams.Serialization;

/// <summary>Built-in serdes for primitive values (fixed size, little-endian).</summary>
public static class Serdes
{
    /// <summary>An <see cref="long"/> in 8 bytes, little-endian.</summary>
    public static IFixedSizeSerde<long> Int64 { get; } = new Int64Serde();

    /// <summary>A <see cref="double"/> in 8 bytes (IEEE 754 binary64), little-endian.</summary>
    public static IFixedSizeSerde<double> Double { get; } = new DoubleSerde();
}
