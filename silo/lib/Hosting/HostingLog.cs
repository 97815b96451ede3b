using Microsoft.Extensions.Logging;
using OrleansStreams.Logging;

namespace OrleansStreams.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(LogEventIds.SiloReady, LogLevel.Information,
        "Silo {SiloName} ready at {SiloAddress}: cluster {ClusterId}, gateway port {GatewayPort}")]
    public static partial void SiloReady(ILogger logger, string siloName, string siloAddress, string clusterId, int gatewayPort);

    [LoggerMessage(LogEventIds.Progress, LogLevel.Information,
        "{Partitions} partitions: {RecordsIn} records in ({Rate:F0}/s), {Results} windows closed, {Late} late, {DeadLettered} dead-lettered, lag {Lag}")]
    public static partial void Progress(ILogger logger, int partitions, long recordsIn, double rate, long results, long late, long deadLettered, long lag);

    [LoggerMessage(LogEventIds.SiloStopping, LogLevel.Information, "Silo {SiloName} stopping")]
    public static partial void SiloStopping(ILogger logger, string siloName);

    [LoggerMessage(LogEventIds.StateNotDurable, LogLevel.Warning,
        "OrleansStreams:Storage:Provider is Memory: window state is lost when this silo stops, so results after a restart start from empty windows; use Sqlite or PostgreSql to keep them")]
    public static partial void StateNotDurable(ILogger logger);

    [LoggerMessage(LogEventIds.TopLevelSection, LogLevel.Warning,
        "Settings section {Section} is given at the top level, where earlier releases read it; move it to {NewSection} (its keys are read where {NewSection} lacks them, until the next release)")]
    public static partial void TopLevelSection(ILogger logger, string section, string newSection);
}
