using System.Diagnostics;
using OrleansStreams.DevBroker.Tests.Durability;
using OrleansStreams.TestKit;

namespace OrleansStreams.DevBroker.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Run_SigTerm_PrintsOnlyTheReadyLineOnStdoutAndExitsZero()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "devbroker-tests", Guid.NewGuid().ToString("N"));
        var address = $"127.0.0.1:{FreePorts.Next()}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { KillTests.BrokerAssembly, "--listen", address, "--data-dir", dataDirectory, "--partitions", "2", "--fsync", "on" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal($"devbroker listening on {address}", ready);

            Assert.Equal(0, Signal(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
            Assert.Contains("stopped", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--partitions", "zero", "Invalid option --partitions = 'zero': allowed is an integer from 1 to 10000.")]
    [InlineData("--listen", "localhost", "Invalid option --listen = 'localhost': allowed is host:port with a port from 0 to 65535.")]
    [InlineData("--fsync", "maybe", "Invalid option --fsync = 'maybe': allowed is on or off.")]
    [InlineData("--transaction-timeout-max", "0", "Invalid option --transaction-timeout-max = '0': allowed is a duration from 1 to 2147483647 ms, written as 900000, 500ms, 30s, 15m or 1h.")]
    [InlineData("--colour", "red", "Unknown option --colour; allowed are --listen, --data-dir, --partitions, --auto-create-topics, --transaction-timeout-max, --fsync, --max-request-bytes, --group-initial-rebalance-delay, --log-level.")]
    public async Task Run_InvalidOption_PrintsOneLineNamingOptionValueAndAllowedAndExitsTwo(string option, string value, string expected)
    {
        await using var broker = ManagedProcess.StartDotnet("devbroker", KillTests.BrokerAssembly, [option, value]);

        Assert.True(await broker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, broker.ExitCode);
        Assert.Equal([expected], broker.Lines);
    }

    [Fact]
    public async Task Run_PortInUse_PrintsOneLineAndExitsOne()
    {
        var address = $"127.0.0.1:{FreePorts.Next()}";
        var first = Path.Combine(Path.GetTempPath(), "devbroker-tests", Guid.NewGuid().ToString("N"));
        var second = Path.Combine(Path.GetTempPath(), "devbroker-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var running = await KillTests.StartCliAsync(address, first);
            await using var clash = ManagedProcess.StartDotnet("devbroker", KillTests.BrokerAssembly, ["--listen", address, "--data-dir", second, "--log-level", "none"]);

            Assert.True(await clash.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, clash.ExitCode);
            var line = Assert.Single(clash.Lines);
            Assert.StartsWith($"devbroker: cannot start on {address}", line, StringComparison.Ordinal);
            Assert.False(running.HasExited);
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);
}
