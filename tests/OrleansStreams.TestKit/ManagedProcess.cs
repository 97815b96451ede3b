using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrleansStreams.TestKit;

/// <summary>
/// A child process of a test (a silo, the dev broker, the CLI): its output is kept line by
/// line so a test can wait for a line, and it can be stopped politely (SIGTERM) or killed
/// abruptly (SIGKILL). Disposing kills whatever is still running.
/// </summary>
public sealed partial class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0, int.MaxValue);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>Starts <c>dotnet &lt;assemblyPath&gt; args</c> with the given environment.</summary>
    public static ManagedProcess StartDotnet(
        string name,
        string assemblyPath,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(assemblyPath)!,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, name);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data);
        process.Exited += (_, _) => managed._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Waits until a line of output matches, or fails with the output so far.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            var snapshot = _lines.ToArray();
            for (; seen < snapshot.Length; seen++)
            {
                if (match(snapshot[seen]))
                {
                    return snapshot[seen];
                }
            }

            if (_process.HasExited && _exited.Task.IsCompleted)
            {
                // Give the output pumps a moment to deliver the last lines.
                await Task.Delay(200, CancellationToken.None);
                if (_lines.Count == seen)
                {
                    throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before the expected line.\n{Output}");
                }

                continue;
            }

            try
            {
                await _newLine.WaitAsync(TimeSpan.FromMilliseconds(250), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print the expected line within {timeout}.\n{Output}");
            }
        }
    }

    /// <summary>Sends SIGTERM, as Ctrl-C or a service manager would.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            _ = Signal(_process.Id, 15);
        }
    }

    /// <summary>Sends SIGKILL: the process dies without any chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Waits for the process to exit; returns false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_exited.Task, Task.Delay(timeout));
        if (finished != _exited.Task)
        {
            return false;
        }

        await _process.WaitForExitAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _newLine.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _newLine.Release();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Signal(int pid, int signal);
}
