using Microsoft.Extensions.Logging;

namespace OrleansStreams.Embedded;

internal static partial class EmbeddedLog
{
    [LoggerMessage(1700, LogLevel.Information, "Embedded dev broker listening on {Address} (data in {DataDirectory})")]
    public static partial void BrokerStarted(ILogger logger, string address, string dataDirectory);

    [LoggerMessage(1701, LogLevel.Information, "Load generator producing to {Topic}: {Rate} records/s, total {Total} (0 = until stopped), {Keys} sensors")]
    public static partial void GeneratorStarted(ILogger logger, string topic, double rate, long total, int keys);

    [LoggerMessage(1702, LogLevel.Information, "Load generator: {Produced} produced, {InTopic} of {Target} in the topic ({Rate:F0}/s)")]
    public static partial void GeneratorProgress(ILogger logger, long produced, long inTopic, long target, double rate);

    [LoggerMessage(1703, LogLevel.Information, "Load generator finished: {Produced} records produced")]
    public static partial void GeneratorDone(ILogger logger, long produced);

    [LoggerMessage(1704, LogLevel.Error, "Load generator failed")]
    public static partial void GeneratorFailed(ILogger logger, Exception exception);
}
