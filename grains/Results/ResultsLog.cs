using Microsoft.Extensions.Logging;

namespace OrleansStreams.Grains.Results;

internal static partial class ResultsLog
{
    [LoggerMessage(1310, LogLevel.Warning, "Committer {Committer}: the results of committed epoch {Epoch} were not all published to live subscribers ({Failures} epochs since the last report; {Error}: {Message}); they are on the output topic, and subscribers catch up with a point query")]
    public static partial void PublishFailed(ILogger logger, string committer, long epoch, long failures, string error, string message);
}
