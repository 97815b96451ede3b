using System.Net;
using System.Net.Sockets;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Telemetry;

/// <summary>The <c>Metrics</c> settings through the real silo executable.</summary>
public sealed class MetricsProcessTests
{
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");

    [Fact]
    public async Task Run_MetricsPortInUse_PrintsOneLineNamingKeyValueAndAllowedAndExits()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly, [$"--Metrics:Listen=127.0.0.1:{port}"]);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal(
            [$"Invalid setting Metrics:Listen = '127.0.0.1:{port}': allowed is host:port where no other process listens (it is in use: give each silo on a machine its own port, or 0 for any free port)."],
            silo.Lines);
    }

    [Fact]
    public async Task Run_InvalidMetricsListen_PrintsOneLineAndExits()
    {
        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly, ["--Metrics:Listen=nowhere"]);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal(["Invalid setting Metrics:Listen = 'nowhere': allowed is host:port with a port from 0 (any free port) to 65535."], silo.Lines);
    }
}
