using Microsoft.Extensions.Logging;

namespace OrleansStreams.Grains.State;

internal static partial class StateLog
{
    [LoggerMessage(1400, LogLevel.Debug, "State {State} generation {Generation}: {Keys} keys loaded from the checkpoint")]
    public static partial void Loaded(ILogger logger, string state, long generation, int keys);

    [LoggerMessage(1401, LogLevel.Warning, "State {State}: key '{Key}' belongs to partition {Owner}; its records are dead-lettered (the input topic is not partitioned by the pipeline's key; {Count} such keys so far)")]
    public static partial void ForeignKey(ILogger logger, string state, string key, int owner, long count);
}
