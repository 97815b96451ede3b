using Microsoft.Extensions.Logging;

namespace OrleansStreams.DevBroker.Diagnostics;

/// <summary>Every log message of the dev broker (source-generated; nothing per request above Debug).</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(BrokerEventIds.Started, LogLevel.Information, "Dev broker listening on {Address} with data in {DataDirectory}")]
    public static partial void LogStarted(ILogger logger, string address, string dataDirectory);

    [LoggerMessage(BrokerEventIds.Stopped, LogLevel.Information, "Dev broker on {Address} stopped")]
    public static partial void LogStopped(ILogger logger, string address);

    [LoggerMessage(BrokerEventIds.Recovered, LogLevel.Information, "Recovered {Topics} topics, {Partitions} partitions, {Groups} groups with offsets and {Transactions} transactional ids in {ElapsedMs} ms")]
    public static partial void LogRecovered(ILogger logger, int topics, int partitions, int groups, int transactions, long elapsedMs);

    [LoggerMessage(BrokerEventIds.BackgroundTaskFailed, LogLevel.Error, "Background task {Task} failed")]
    public static partial void LogBackgroundTaskFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(BrokerEventIds.ConnectionRejected, LogLevel.Warning, "Rejected connection from {Remote}: {Reason}")]
    public static partial void LogConnectionRejected(ILogger logger, string remote, string reason);

    [LoggerMessage(BrokerEventIds.ConnectionFailed, LogLevel.Debug, "Connection from {Remote} closed: {Reason}")]
    public static partial void LogConnectionClosed(ILogger logger, string remote, string reason);

    [LoggerMessage(BrokerEventIds.ConnectionError, LogLevel.Error, "Closed connection from {Remote} after an unexpected error")]
    public static partial void LogConnectionFailed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(BrokerEventIds.RequestFailed, LogLevel.Error, "Closed connection from {Remote}: {ApiKey} v{ApiVersion} request failed")]
    public static partial void LogRequestFailed(ILogger logger, string remote, short apiKey, short apiVersion, Exception exception);

    [LoggerMessage(BrokerEventIds.RequestHandled, LogLevel.Trace, "{Remote}: {ApiKey} v{ApiVersion} correlation {CorrelationId}")]
    public static partial void LogRequestHandled(ILogger logger, string remote, short apiKey, short apiVersion, int correlationId);

    [LoggerMessage(BrokerEventIds.WriteFailed, LogLevel.Error, "Writing to {Partition} failed")]
    public static partial void LogWriteFailed(ILogger logger, string partition, Exception exception);

    [LoggerMessage(BrokerEventIds.TruncatedTail, LogLevel.Warning, "{File}: cut {Bytes} bytes at position {Position} during recovery ({Reason})")]
    public static partial void LogTruncatedTail(ILogger logger, string file, long position, long bytes, string reason);

    [LoggerMessage(BrokerEventIds.DirectoryDeleteFailed, LogLevel.Warning, "Could not delete {Directory}; it is removed at the next start")]
    public static partial void LogDirectoryDeleteFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(BrokerEventIds.TopicCreated, LogLevel.Information, "Created topic {Topic} with {Partitions} partitions")]
    public static partial void LogTopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(BrokerEventIds.TopicDeleted, LogLevel.Information, "Deleted topic {Topic}")]
    public static partial void LogTopicDeleted(ILogger logger, string topic);

    [LoggerMessage(BrokerEventIds.JournalCompacted, LogLevel.Debug, "Compacted the metadata journal from {Before} to {After} bytes")]
    public static partial void LogJournalCompacted(ILogger logger, long before, long after);

    [LoggerMessage(BrokerEventIds.GroupStabilized, LogLevel.Information, "Group {Group} generation {Generation}: {Members} members, protocol {Protocol}")]
    public static partial void LogGroupRebalanced(ILogger logger, string group, int generation, int members, string protocol);

    [LoggerMessage(BrokerEventIds.MemberRemoved, LogLevel.Information, "Group {Group}: removed member {Member} ({Reason})")]
    public static partial void LogMemberRemoved(ILogger logger, string group, string member, string reason);

    [LoggerMessage(BrokerEventIds.TransactionTimedOut, LogLevel.Information, "Aborting transaction of {TransactionalId} (producer {ProducerId}) open longer than its timeout of {TimeoutMs} ms")]
    public static partial void LogTransactionTimedOut(ILogger logger, string transactionalId, long producerId, int timeoutMs);

    [LoggerMessage(BrokerEventIds.ProducerFenced, LogLevel.Debug, "Transactional id {TransactionalId}: producer {ProducerId} now at epoch {Epoch}")]
    public static partial void LogProducerEpoch(ILogger logger, string transactionalId, long producerId, short epoch);

    [LoggerMessage(BrokerEventIds.TransactionRecovered, LogLevel.Information, "Transactional id {TransactionalId}: completed {State} interrupted by the last shutdown")]
    public static partial void LogTransactionCompletedOnRecovery(ILogger logger, string transactionalId, string state);
}
