using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// The dev broker as a separate process (the <c>OrleansStreams.DevBroker.dll</c> built beside the
/// benchmark), on a free loopback port with a fresh data directory: the benchmark process's CPU time
/// then counts only the clients and the silo, and the broker's is read separately.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private BrokerProcess(Process process, string dataDirectory, string bootstrapServers)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>CPU time the broker process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<BrokerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"bench-broker-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // With the bench's runtime configuration: the libraries the broker shares with the silo come from
        // the ASP.NET Core shared framework the silo references, so they are not copied beside it.
        var bench = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Bench");
        foreach (var arg in new[] { "exec", "--runtimeconfig", $"{bench}.runtimeconfig.json", "--depsfile", $"{bench}.deps.json", Path.Combine(AppContext.BaseDirectory, "OrleansStreams.DevBroker.dll"), "--listen", $"127.0.0.1:{port}", "--data-dir", dataDirectory, "--log-level", "Warning" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the dev broker");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [devbroker] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("devbroker listening on ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new BrokerProcess(process, dataDirectory, $"127.0.0.1:{port}");
            }
        }

        throw new InvalidOperationException($"the dev broker exited ({process.ExitCode}) before it was ready");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp directory.
        }
    }
}
