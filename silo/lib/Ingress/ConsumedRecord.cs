using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>A record as the partition source read it, free of client-library types.</summary>
internal readonly record struct ConsumedRecord(
    long Offset,
    long Timestamp,
    byte[]? Key,
    byte[]? Value,
    RecordHeader[]? Headers);
