namespace OrleansStreams.DevBroker.Log;

/// <summary>The offsets a client sees for a partition.</summary>
internal readonly record struct PartitionOffsets(long LogStartOffset, long HighWatermark, long LastStableOffset);
