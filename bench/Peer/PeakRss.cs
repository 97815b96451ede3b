using System.Globalization;

namespace OrleansStreams.Bench.Peer;

/// <summary>This process's peak resident set size: <c>VmHWM</c> from <c>/proc/self/status</c>.</summary>
internal static class PeakRss
{
    /// <summary>Peak RSS in KiB; -1 where <c>/proc</c> does not have it.</summary>
    public static long KiB()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return -1;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
