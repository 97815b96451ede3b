namespace OrleansStreams.DevBroker.Log;

/// <summary>Where one stored batch lives: its offsets, its place in the log file and its max timestamp.</summary>
internal readonly record struct BatchEntry(long BaseOffset, long LastOffset, long Position, int Size, long MaxTimestamp);
