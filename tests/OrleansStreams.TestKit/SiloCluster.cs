namespace OrleansStreams.TestKit;

/// <summary>
/// Silos as separate processes (a host assembly run with <c>dotnet</c>), each with its own ports,
/// sharing the arguments every silo needs. Silos can be killed abruptly and restarted.
/// </summary>
public sealed class SiloCluster(string hostAssembly, IReadOnlyList<string> commonArgs) : IAsyncDisposable
{
    private readonly Dictionary<int, ManagedProcess> _silos = [];
    private readonly Dictionary<int, (int SiloPort, int GatewayPort)> _ports = [];
    private readonly Dictionary<int, int> _queryPorts = [];
    private readonly List<string> _history = [];

    public IReadOnlyCollection<int> Running => [.. _silos.Where(s => !s.Value.HasExited).Select(s => s.Key)];

    /// <summary>Output of every silo process that ran, for failure messages.</summary>
    public string Output => string.Join("\n", _history.Concat(_silos.Select(s => $"--- silo {s.Key}\n{s.Value.Output}")));

    public (int SiloPort, int GatewayPort) PortsOf(int index)
    {
        if (!_ports.TryGetValue(index, out var ports))
        {
            _ports[index] = ports = (FreePorts.Next(), FreePorts.Next());
        }

        return ports;
    }

    /// <summary>The port of silo <paramref name="index"/>'s HTTP query endpoint (<c>Query:Listen</c> on 127.0.0.1), the same across restarts.</summary>
    public int QueryPortOf(int index)
    {
        if (!_queryPorts.TryGetValue(index, out var port))
        {
            _queryPorts[index] = port = FreePorts.Next();
        }

        return port;
    }

    /// <summary>Starts silo <paramref name="index"/> and waits for its ready line.</summary>
    public async Task StartAsync(int index, params string[] extraArgs)
    {
        var (siloPort, gatewayPort) = PortsOf(index);
        var args = commonArgs.Concat(
        [
            $"--OrleansStreams:Cluster:SiloPort={siloPort}",
            $"--OrleansStreams:Cluster:GatewayPort={gatewayPort}",
            $"--OrleansStreams:Cluster:SiloName=silo-{index}",
            $"--OrleansStreams:Metrics:Listen=127.0.0.1:{FreePorts.Next()}",
            $"--OrleansStreams:Query:Listen=127.0.0.1:{QueryPortOf(index)}",
        ]).Concat(extraArgs);
        var process = ManagedProcess.StartDotnet($"silo-{index}", hostAssembly, args);
        _silos[index] = process;
        await process.WaitForLineAsync(l => l.Contains(" ready at ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
    }

    /// <summary>Waits for a line of silo <paramref name="index"/>'s output.</summary>
    public Task<string> WaitForLineAsync(int index, Func<string, bool> match, TimeSpan timeout) =>
        _silos[index].WaitForLineAsync(match, timeout);

    /// <summary>SIGKILL: the silo dies without any cleanup.</summary>
    public async Task KillAsync(int index)
    {
        var silo = _silos[index];
        silo.Kill();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Retire(index);
    }

    /// <summary>SIGTERM: the silo shuts down cleanly.</summary>
    public async Task StopAsync(int index)
    {
        var silo = _silos[index];
        silo.Terminate();
        if (!await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            silo.Kill();
        }

        Retire(index);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Values)
        {
            await silo.DisposeAsync();
        }
    }

    private void Retire(int index)
    {
        _history.Add($"--- silo {index} (ended {_silos[index].ExitCode})\n{_silos[index].Output}");
        _ = _silos[index].DisposeAsync();
        _silos.Remove(index);
    }
}
