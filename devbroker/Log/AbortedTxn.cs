namespace OrleansStreams.DevBroker.Log;

/// <summary>One aborted transaction on a partition: its producer, its first data offset and its ABORT marker's offset.</summary>
internal readonly record struct AbortedTxn(long ProducerId, long FirstOffset, long LastOffset);
