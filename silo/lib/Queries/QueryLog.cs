using Microsoft.Extensions.Logging;

namespace OrleansStreams.Queries;

/// <summary>Log messages of the query side: status reports and the HTTP endpoint (event ids 1800-1899).</summary>
internal static partial class QueryLog
{
    [LoggerMessage(1800, LogLevel.Warning, "Could not report the status of {Pipeline}/{Partition}: {Reason} ({Suppressed} more like it in the last minute)")]
    public static partial void StatusReportFailed(ILogger logger, string pipeline, int partition, string reason, int suppressed);

    [LoggerMessage(1801, LogLevel.Information, "Query endpoint listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(1802, LogLevel.Warning, "Query request {Path} failed: {Error}: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string path, string error, string reason);
}
