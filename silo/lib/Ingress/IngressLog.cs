using Microsoft.Extensions.Logging;

namespace OrleansStreams.Ingress;

internal static partial class IngressLog
{
    [LoggerMessage(1100, LogLevel.Information, "Partition {Pipeline}/{Partition} generation {Generation} started at offset {Offset} (committed epoch {Epoch}; state replayed from offset {ReplayFrom})")]
    public static partial void GenerationStarted(ILogger logger, string pipeline, int partition, long generation, long epoch, long offset, long replayFrom);

    [LoggerMessage(1101, LogLevel.Warning, "Partition {Pipeline}/{Partition} generation {Generation} failed; restarting from the committed offset")]
    public static partial void GenerationFailed(ILogger logger, string pipeline, int partition, long generation, Exception exception);

    [LoggerMessage(1102, LogLevel.Information, "Partition {Pipeline}/{Partition} agent stopped")]
    public static partial void AgentStopped(ILogger logger, string pipeline, int partition);

    [LoggerMessage(1103, LogLevel.Warning, "Partition {Pipeline}/{Partition}: releasing the committer failed")]
    public static partial void ReleaseFailed(ILogger logger, string pipeline, int partition, Exception exception);

    [LoggerMessage(1104, LogLevel.Warning, "Partition {Pipeline}/{Partition}: key '{Key}' belongs to partition {Owner}; its records were dead-lettered")]
    public static partial void WrongPartition(ILogger logger, string pipeline, int partition, string key, int owner);

    [LoggerMessage(1110, LogLevel.Warning, "Consumer of {Topic}/{Partition}: {Code} {Reason} (fatal: {IsFatal}; {Suppressed} more like it since the last report)")]
    public static partial void ConsumerError(ILogger logger, string topic, int partition, string code, string reason, bool isFatal, int suppressed);

    [LoggerMessage(1111, LogLevel.Error, "Consumer of {Topic}/{Partition} failed")]
    public static partial void ConsumerFailed(ILogger logger, string topic, int partition, Exception exception);

    [LoggerMessage(1120, LogLevel.Information, "Silo owns {Count} partitions: {Partitions}")]
    public static partial void OwnershipChanged(ILogger logger, int count, string partitions);

    [LoggerMessage(1121, LogLevel.Warning, "Pipeline {Pipeline}: input topic {Topic} does not exist (yet); its partitions will start when it does")]
    public static partial void InputTopicMissing(ILogger logger, string pipeline, string topic);

    [LoggerMessage(1122, LogLevel.Warning, "Deciding which partitions this silo owns failed; retrying")]
    public static partial void OwnershipFailed(ILogger logger, Exception exception);
}
