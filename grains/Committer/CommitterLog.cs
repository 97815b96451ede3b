using Microsoft.Extensions.Logging;

namespace OrleansStreams.Grains.Committer;

internal static partial class CommitterLog
{
    [LoggerMessage(1300, LogLevel.Debug, "Committer {Committer} generation {Generation}: committed epoch {Epoch}, offset {Offset}")]
    public static partial void GenerationBegun(ILogger logger, string committer, long generation, long epoch, long offset);

    [LoggerMessage(1301, LogLevel.Warning, "Committer {Committer} epoch {Epoch} failed")]
    public static partial void EpochFailed(ILogger logger, string committer, long epoch, Exception exception);

    [LoggerMessage(1302, LogLevel.Warning, "Committer {Committer} epoch {Epoch}: a window closing at {CloseTime} was due before this epoch; its result is attributed to offset {Offset}")]
    public static partial void LateClose(ILogger logger, string committer, long epoch, long closeTime, long offset);

    [LoggerMessage(1303, LogLevel.Error, "Committer {Committer} epoch {Epoch}: output caused at offset {Offset} lies outside [{Start}, {End}); the epoch is refused")]
    public static partial void OutputOutsideEpoch(ILogger logger, string committer, long epoch, long offset, long start, long end);

    [LoggerMessage(1304, LogLevel.Warning, "Committer {Committer}: {Reason}; abandoning its producer (the next generation fences it)")]
    public static partial void ProducerAbandoned(ILogger logger, string committer, string reason);

    [LoggerMessage(1305, LogLevel.Warning, "Committer {Committer}: the committed offset {Offset} carries no state checkpoint (committed by an earlier version or another tool); window state starts empty there")]
    public static partial void NoCheckpoint(ILogger logger, string committer, long offset);

    [LoggerMessage(1306, LogLevel.Error, "Committer {Committer}: key '{Key}' also arrived on partition {Owner}, which stored it first; its state here is dropped and its records are dead-lettered from now on ({Count} such keys in this checkpoint). The input topic is not partitioned by the pipeline's key")]
    public static partial void KeyOnTwoPartitions(ILogger logger, string committer, string key, int owner, int count);
}
