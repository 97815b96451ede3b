using System.Diagnostics;
using System.Globalization;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// The parent's side of one worker: this benchmark's executable re-invoked with the hidden verb
/// <see cref="PeerWorker.Verb"/>. Its stderr is forwarded with a prefix; its stdout carries the
/// started and result lines (<see cref="PeerWorker"/>).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string label)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [{label}] {e.Data}");
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            switch (e.Data)
            {
                case null:
                    _started.TrySetException(new InvalidOperationException($"the worker closed its output before it started (exit code {ExitCode()})"));
                    _result.TrySetException(new InvalidOperationException($"the worker closed its output without a result (exit code {ExitCode()})"));
                    break;
                case PeerWorker.StartedLine:
                    _started.TrySetResult();
                    break;
                case var line when line.StartsWith(PeerWorker.ResultPrefix, StringComparison.Ordinal):
                    _result.TrySetResult(WorkerResult.Parse(line[PeerWorker.ResultPrefix.Length..]));
                    break;
                default:
                    Console.Error.WriteLine($"  [{label}] {e.Data}");
                    break;
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>Completes when the worker starts processing; faults when it dies first.</summary>
    public Task Started => _started.Task;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(WorkerSpec spec, string label)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in WorkerEnvironment())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Bench.dll"));
        start.ArgumentList.Add(PeerWorker.Verb);
        foreach (var arg in spec.ToArgs())
        {
            start.ArgumentList.Add(arg);
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("cannot start the worker"), label);
    }

    /// <summary>
    /// Variables for the workers only: every <c>PEER_WORKER_X=v</c> of this process becomes <c>X=v</c> in the
    /// workers (say, <c>PEER_WORKER_DOTNET_GCHeapHardLimit</c> to run a system as under a container's memory
    /// limit without limiting the parent, which holds the input's oracle).
    /// </summary>
    private static IEnumerable<(string Name, string? Value)> WorkerEnvironment()
    {
        const string prefix = "PEER_WORKER_";
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                yield return (name[prefix.Length..], variable.Value as string);
            }
        }
    }

    /// <summary>Tells the worker the run is over and waits for its result line and its exit.</summary>
    public async Task<WorkerResult?> StopAsync()
    {
        WorkerResult? result = null;
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync(PeerWorker.StopLine);
                await _process.StandardInput.FlushAsync();
                result = await _result.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"  worker gave no result: {e.Message}");
            }
        }

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("  worker did not exit within 90 s of stop: killed");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        return result;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";
}

/// <summary>What a worker reports at the end: CPU of the timed interval, CPU since the process started, peak RSS, state bytes written (null when not reported).</summary>
internal sealed record WorkerResult(TimeSpan Cpu, TimeSpan ProcessCpu, long PeakRssKiB, long? StateBytes)
{
    public static WorkerResult Parse(string text)
    {
        var values = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new WorkerResult(
            TimeSpan.FromSeconds(double.Parse(values["cpu_s"], CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(values["process_cpu_s"], CultureInfo.InvariantCulture)),
            long.Parse(values["vmhwm_kib"], CultureInfo.InvariantCulture),
            long.Parse(values["state_bytes"], CultureInfo.InvariantCulture) is var bytes and >= 0 ? bytes : null);
    }
}
