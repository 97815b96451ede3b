namespace OrleansStreams.Grains.Telemetry;

/// <summary>
/// Lets one log line per error code through per interval: a client retrying an unreachable broker
/// reports the same error every few milliseconds, and one line with a count says as much.
/// </summary>
/// <param name="interval">How long after a logged line the same code is only counted.</param>
/// <param name="time">The clock; the system's unless a test gives another.</param>
internal sealed class ErrorLogThrottle(TimeSpan interval, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (long LastLogged, int Suppressed)> _byCode = new(StringComparer.Ordinal);

    /// <summary>Whether to log this occurrence of <paramref name="code"/>; <paramref name="suppressed"/> counts those skipped since the last one logged.</summary>
    public bool ShouldLog(string code, out int suppressed)
    {
        lock (_byCode)
        {
            var now = _time.GetTimestamp();
            if (_byCode.TryGetValue(code, out var entry) && _time.GetElapsedTime(entry.LastLogged, now) < interval)
            {
                _byCode[code] = (entry.LastLogged, entry.Suppressed + 1);
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            _byCode[code] = (now, 0);
            return true;
        }
    }
}
