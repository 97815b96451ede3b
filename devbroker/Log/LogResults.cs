namespace OrleansStreams.DevBroker.Log;

/// <summary>The outcome of appending a producer batch: what the Produce response carries for the partition.</summary>
internal readonly record struct AppendResult(short ErrorCode, long BaseOffset, long LogAppendTimeMs, long LogStartOffset);

/// <summary>The offsets a client sees for a partition.</summary>
internal readonly record struct PartitionOffsets(long LogStartOffset, long HighWatermark, long LastStableOffset);

/// <summary>
/// What a fetch reads from one partition: a contiguous byte range of whole batches in the log file
/// (<see cref="Length"/> 0 when nothing is readable), the offsets to report, and the change
/// <see cref="Version"/> to park on when the fetch has to wait.
/// </summary>
internal readonly record struct FetchPlan(
    short ErrorCode,
    PartitionOffsets Offsets,
    long FilePosition,
    int Length,
    long Version);
