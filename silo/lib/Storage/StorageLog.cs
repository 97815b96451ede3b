using Microsoft.Extensions.Logging;
using OrleansStreams.Logging;

namespace OrleansStreams.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(LogEventIds.SqliteSchemaApplied, LogLevel.Information,
        "Applied SQLite {Part} schema to {DataSource} in {ElapsedMilliseconds} ms (journal_mode={JournalMode}, synchronous={Synchronous}, busy_timeout={BusyTimeoutMilliseconds} ms)")]
    public static partial void SqliteSchemaApplied(ILogger logger, string part, string dataSource, long elapsedMilliseconds, string journalMode, string synchronous, int busyTimeoutMilliseconds);

    [LoggerMessage(LogEventIds.PostgreSqlSchemaApplied, LogLevel.Information,
        "Applied PostgreSQL {Part} schema to {ConnectionString} in {ElapsedMilliseconds} ms")]
    public static partial void PostgreSqlSchemaApplied(ILogger logger, string part, string connectionString, long elapsedMilliseconds);

    [LoggerMessage(LogEventIds.SqliteNotInWalMode, LogLevel.Warning,
        "SQLite database {DataSource} stays in journal_mode={JournalMode}: WAL could not be enabled, so writers block readers and grain writes are slower")]
    public static partial void SqliteNotInWalMode(ILogger logger, string dataSource, string journalMode);

    [LoggerMessage(LogEventIds.StoragePoolReachesServerLimit, LogLevel.Warning,
        "Grain storage and the key state store may open {MaxPoolSize} connections each but the PostgreSQL server at {ConnectionString} allows {MaxConnections}: bursts of writes can fail with 53300 too many clients; lower Storage:MaxPoolSize")]
    public static partial void StoragePoolReachesServerLimit(ILogger logger, int maxPoolSize, string connectionString, int maxConnections);

    [LoggerMessage(LogEventIds.SchemaNotApplied, LogLevel.Error, "Could not apply the {Schema}")]
    public static partial void SchemaNotApplied(ILogger logger, Exception exception, string schema);
}
