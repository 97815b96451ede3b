namespace OrleansStreams.DevBroker.Log;

/// <summary>The outcome of appending a producer batch: what the Produce response carries for the partition.</summary>
internal readonly record struct AppendResult(short ErrorCode, long BaseOffset, long LogAppendTimeMs, long LogStartOffset);
