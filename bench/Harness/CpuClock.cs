using System.Diagnostics;

namespace OrleansStreams.Bench.Harness;

/// <summary>CPU time of this process (every thread, user and kernel) since <see cref="Start"/>.</summary>
internal readonly struct CpuClock
{
    private readonly TimeSpan _start;

    private CpuClock(TimeSpan start) => _start = start;

    public TimeSpan Elapsed => Now() - _start;

    public static CpuClock Start() => new(Now());

    private static TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
