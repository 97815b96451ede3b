using System.Diagnostics;
using System.Globalization;
using OrleansStreams.Bench.Harness;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// The hidden verb <c>peer-worker &lt;raw|streamiz|orleans&gt; ...</c>: one system of the peer benchmark
/// in its own process, so that its CPU time and peak RSS are its own. Protocol on stdout: the line
/// <see cref="StartedLine"/> when processing starts; after the parent writes <see cref="StopLine"/> to
/// stdin (it saw the last input offset committed), the line <see cref="ResultPrefix"/><c>cpu_s=… process_cpu_s=… vmhwm_kib=… state_bytes=…</c>
/// (state bytes -1 when the system does not report them).
/// Everything else goes to stderr.
/// </summary>
internal static class PeerWorker
{
    public const string Verb = "peer-worker";

    public const string StartedLine = "peer-started";

    public const string StopLine = "stop";

    public const string ResultPrefix = "peer-result ";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var spec = WorkerSpec.Parse(args);
        await using IPeerSystem system = spec.System switch
        {
            "raw" => new RawPipeSystem(spec),
            "streamiz" => new StreamizSystem(spec),
            "orleans" => new OrleansSystem(spec),
            _ => throw new ArgumentException($"unknown system '{spec.System}': raw, streamiz or orleans", nameof(args)),
        };
        await system.PrepareAsync(cancellationToken);
        var cpu = CpuClock.Start();
        Console.WriteLine(StartedLine);
        await system.BeginAsync(cancellationToken);

        // The parent decides when the run is over (committed offsets at the end of the input, or its limit);
        // until then the system's own counters go to stderr every 5 s, beside the parent's committed progress.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ReportAsync(system, stop.Token);
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line && line != StopLine)
        {
        }

        var used = cpu.Elapsed;
        await stop.CancelAsync();
        await progress;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultPrefix}cpu_s={used.TotalSeconds:0.000} process_cpu_s={self.TotalProcessorTime.TotalSeconds:0.000} vmhwm_kib={PeakRss.KiB()} state_bytes={system.StateBytesWritten ?? -1}"));
        await Console.Error.WriteLineAsync($"{spec.System}: {system.Summary()}");
        return 0;
    }

    private static async Task ReportAsync(IPeerSystem system, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{system.Summary()} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s"));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
