namespace OrleansStreams.Bench.Harness;

/// <summary>Records handled in a wall-clock interval and the CPU time this process spent on them.</summary>
internal readonly record struct Measurement(long Records, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double PerSecond => Records / Elapsed.TotalSeconds;

    /// <summary>Records per CPU-second of this process (both cores count).</summary>
    public double PerCpuSecond => Records / Cpu.TotalSeconds;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
