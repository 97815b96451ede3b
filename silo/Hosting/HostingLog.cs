using Microsoft.Extensions.Logging;
using OrleansStreams.Logging;

namespace OrleansStreams.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(LogEventIds.SiloReady, LogLevel.Information,
        "Silo {SiloName} ready at {SiloAddress}: cluster {ClusterId}, gateway port {GatewayPort}")]
    public static partial void SiloReady(ILogger logger, string siloName, string siloAddress, string clusterId, int gatewayPort);

    [LoggerMessage(LogEventIds.SiloStopping, LogLevel.Information, "Silo {SiloName} stopping")]
    public static partial void SiloStopping(ILogger logger, string siloName);
}
