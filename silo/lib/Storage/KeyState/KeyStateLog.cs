using Microsoft.Extensions.Logging;
using OrleansStreams.Logging;

namespace OrleansStreams.Storage.KeyState;

/// <summary>Key state store messages; all Debug: callers log what matters to an operator once per generation.</summary>
internal static partial class KeyStateLog
{
    [LoggerMessage(LogEventIds.KeyStateGenerationBegun, LogLevel.Debug,
        "Key state of {Pipeline}/{Partition}: generation {Generation} begun")]
    public static partial void GenerationBegun(ILogger logger, string pipeline, int partition, long generation);

    [LoggerMessage(LogEventIds.KeyStateCheckpointWritten, LogLevel.Debug,
        "Key state of {Pipeline}/{Partition}: checkpoint {Checkpoint} of generation {Generation} written, {Rows} rows, {Foreign} foreign, {Bytes} bytes, {Purged} tombstones purged in {ElapsedMilliseconds} ms")]
    public static partial void CheckpointWritten(
        ILogger logger, string pipeline, int partition, long checkpoint, long generation, int rows, int foreign, long bytes, long purged, long elapsedMilliseconds);

    [LoggerMessage(LogEventIds.KeyStateRolledBack, LogLevel.Debug,
        "Key state of {Pipeline}/{Partition}: rolled back to checkpoint {Checkpoint} by generation {Generation}, {Reverted} keys reverted, {Deleted} deleted")]
    public static partial void RolledBack(ILogger logger, string pipeline, int partition, long checkpoint, long generation, long reverted, long deleted);
}
