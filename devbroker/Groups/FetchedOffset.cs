namespace OrleansStreams.DevBroker.Groups;

/// <summary>One partition's answer in OffsetFetch.</summary>
internal sealed record FetchedOffset(int Partition, long Offset, int LeaderEpoch, string? Metadata, short ErrorCode);
