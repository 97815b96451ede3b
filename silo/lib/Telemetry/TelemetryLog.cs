using Microsoft.Extensions.Logging;

namespace OrleansStreams.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(1600, LogLevel.Information, "Metrics at {Url} (meters {Meters}); OTLP export {Otlp}; one record traced in {TraceEvery} offsets")]
    public static partial void MetricsListening(ILogger logger, string url, string meters, string otlp, int traceEvery);

    [LoggerMessage(1601, LogLevel.Information, "Metrics are disabled (Metrics:Enabled=false)")]
    public static partial void MetricsDisabled(ILogger logger);
}
