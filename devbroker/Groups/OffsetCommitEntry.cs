using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Groups;

/// <summary>An offset commit of one partition, with the error to report for it.</summary>
internal sealed record OffsetCommitEntry(TopicPartition Partition, long Offset, int LeaderEpoch, string? Metadata)
{
    public short ErrorCode { get; set; }
}
