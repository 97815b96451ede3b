namespace OrleansStreams.Queries;

/// <summary>What the agent of one input partition last reported about itself.</summary>
/// <param name="Partition">The input partition.</param>
/// <param name="PartitionCount">The input topic's partition count as the agent saw it.</param>
/// <param name="Silo">The Orleans address of the silo that runs the partition.</param>
/// <param name="Generation">The ownership term of the partition; it rises on every restart or move.</param>
/// <param name="CommittedEpoch">The last epoch whose transaction committed; -1 before the first.</param>
/// <param name="CommittedOffset">The input offset committed with it (the next record to process); -1 when none.</param>
/// <param name="HighWatermark">The input partition's end offset as last fetched; -1 before the first fetch.</param>
/// <param name="LagRecords">Records in the partition not yet committed (<c>HighWatermark - CommittedOffset</c>, at least 0).</param>
/// <param name="LagSeconds">Age of the oldest record read and not yet committed, by its timestamp; 0 when none waits.</param>
/// <param name="StreamTime">The partition's stream time (epoch milliseconds) at the committed offset; <see cref="long.MinValue"/> before any record.</param>
/// <param name="LastCommit">When the last epoch committed; null before the first of this generation.</param>
/// <param name="ReportedAt">When the agent made this report.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.PartitionStatus")]
public sealed record PartitionStatus(
    [property: Id(0)] int Partition,
    [property: Id(1)] int PartitionCount,
    [property: Id(2)] string Silo,
    [property: Id(3)] long Generation,
    [property: Id(4)] long CommittedEpoch,
    [property: Id(5)] long CommittedOffset,
    [property: Id(6)] long HighWatermark,
    [property: Id(7)] long LagRecords,
    [property: Id(8)] double LagSeconds,
    [property: Id(9)] long StreamTime,
    [property: Id(10)] DateTimeOffset? LastCommit,
    [property: Id(11)] DateTimeOffset ReportedAt);
