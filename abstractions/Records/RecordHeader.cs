namespace OrleansStreams.Records;

/// <summary>A Kafka record header.</summary>
/// <param name="Key">The header name.</param>
/// <param name="Value">The header value; <see langword="null"/> is allowed by Kafka.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.RecordHeader")]
public readonly record struct RecordHeader(
    [property: Id(0)] string Key,
    [property: Id(1)] byte[]? Value);
