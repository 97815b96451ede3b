namespace OrleansStreams.DevBroker.State;

/// <summary>A committed (or pending transactional) group offset with its metadata string.</summary>
internal sealed record CommittedOffset(long Offset, int LeaderEpoch, string? Metadata, long CommitTimestampMs);
