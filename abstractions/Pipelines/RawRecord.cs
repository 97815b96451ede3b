namespace OrleansStreams.Pipelines;

/// <summary>A Kafka record as read from the input topic, before the pipeline interprets it.</summary>
/// <param name="Key">The record key bytes (empty when the key is null).</param>
/// <param name="Value">The record value bytes (empty when the value is null).</param>
/// <param name="Timestamp">The record timestamp in milliseconds since the Unix epoch (-1 when absent).</param>
/// <param name="KeyIsNull">Whether the record key is null rather than empty.</param>
public readonly ref struct RawRecord(ReadOnlySpan<byte> Key, ReadOnlySpan<byte> Value, long Timestamp, bool KeyIsNull)
{
    /// <summary>The record key bytes.</summary>
    public ReadOnlySpan<byte> Key { get; } = Key;

    /// <summary>The record value bytes.</summary>
    public ReadOnlySpan<byte> Value { get; } = Value;

    /// <summary>The record timestamp in milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; } = Timestamp;

    /// <summary>Whether the record key is null rather than empty.</summary>
    public bool KeyIsNull { get; } = KeyIsNull;
}
