using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansStreams.Client.Cli;

namespace OrleansStreams.Client.Tests.Cli;

/// <summary>
/// The tool's real connector against a port nothing listens on, an unknown host and a bad setting: one
/// line, exit code 2, within the connect timeout and its grace. One class, so that its tests (which
/// read the process environment) run one after the other.
/// </summary>
public sealed class UnreachableClusterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Status_NothingListening_OneLineExitTwoInBoundedTime()
    {
        var port = FreePort();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var clock = Stopwatch.StartNew();

        var exitCode = await new CliRunner(output, error, new OrleansClusterConnector(), TimeProvider.System)
            .RunAsync(["status", "--gateway", $"127.0.0.1:{port}"], CancellationToken.None)
            .WaitAsync(Bound + Bound);

        Assert.Equal(ExitCodes.UsageOrCluster, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"cannot reach the cluster at 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);
    }

    [Fact]
    public async Task Query_UnknownGatewayHost_OneLineExitTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await new CliRunner(output, error, new OrleansClusterConnector(), TimeProvider.System)
            .RunAsync(["query", "--pipeline", "sensors", "--key", "k", "--gateway", "no-such-host.invalid:30000"], CancellationToken.None)
            .WaitAsync(Bound + Bound);

        Assert.Equal(ExitCodes.UsageOrCluster, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cannot reach the cluster at no-such-host.invalid:30000: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelines_BadClusterSettingInTheEnvironment_OneLineExitTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Environment.SetEnvironmentVariable("Cluster__Provider", "Consul");
        try
        {
            var exitCode = await new CliRunner(output, error, new OrleansClusterConnector(), TimeProvider.System)
                .RunAsync(["pipelines"], CancellationToken.None);

            Assert.Equal(ExitCodes.UsageOrCluster, exitCode);
            Assert.Equal("Invalid setting Cluster:Provider = 'Consul': allowed is one of Localhost, AdoNet.", error.ToString().TrimEnd());
        }
        finally
        {
            Environment.SetEnvironmentVariable("Cluster__Provider", null);
        }
    }

    [Fact]
    public async Task Process_NothingListening_OneLineOnStandardErrorExitTwoNoStackTrace()
    {
        var port = FreePort();
        var tool = Path.Combine(AppContext.BaseDirectory, "orleans-streams.dll");
        Assert.True(File.Exists(tool), $"{tool} is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { tool, "pipelines", "--gateway", $"127.0.0.1:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var clock = Stopwatch.StartNew();

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Bound + Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(ExitCodes.UsageOrCluster, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"cannot reach the cluster at 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.Empty(await stdout);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound + TimeSpan.FromSeconds(10)); // process start and JIT on a loaded machine
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
