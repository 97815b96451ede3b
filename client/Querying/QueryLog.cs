using Microsoft.Extensions.Logging;

namespace OrleansStreams.Client.Querying;

internal static partial class QueryLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Query of {Pipeline}: not answered yet ({Reasons}); asking again in {Delay}")]
    public static partial void Retrying(ILogger logger, string pipeline, string reasons, TimeSpan delay);

    [LoggerMessage(2001, LogLevel.Warning, "Query of {Pipeline}: key '{Key}' found in partitions {First} and {Second}; the answer of partition {First} is used")]
    public static partial void FoundTwice(ILogger logger, string pipeline, string key, int first, int second);
}
