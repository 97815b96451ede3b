namespace OrleansStreams.DevBroker.Log;

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
