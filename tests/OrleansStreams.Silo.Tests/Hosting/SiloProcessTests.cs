using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Hosting;

public sealed class SiloProcessTests
{
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");

    [Fact]
    public async Task Run_SigTerm_LogsReadyLineAndStopsWithinTenSeconds()
    {
        using var workingDirectory = SqliteTestFile.Create("orleansstreams-silo");
        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly,
        [
            $"--Cluster:SiloPort={FreePorts.Next()}",
            $"--Cluster:GatewayPort={FreePorts.Next()}",
            $"--Metrics:Listen=127.0.0.1:{FreePorts.Next()}",
            "--Query:Listen=127.0.0.1:0",
            $"--DevBroker:Listen=127.0.0.1:{FreePorts.Next()}",
        ], workingDirectory: workingDirectory.Directory);

        var ready = await silo.WaitForLineAsync(l => l.Contains(" ready at ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        silo.Terminate();

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(10)), $"silo still running 10 s after SIGTERM\n{silo.Output}");
        Assert.Equal(0, silo.ExitCode);
        Assert.Single(silo.Lines, l => l.Contains(" ready at ", StringComparison.Ordinal));
        Assert.Contains("cluster orleans-streams", ready, StringComparison.Ordinal);

        // Top-level keys of earlier releases still work, with one warning per section that has them.
        foreach (var section in new[] { "Cluster", "Metrics", "Query", "DevBroker" })
        {
            Assert.Single(silo.Lines, l => l.Contains($"Settings section {section} is given at the top level", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("--OrleansStreams:Cluster:Provider=Zookeeper", "Invalid setting OrleansStreams:Cluster:Provider = 'Zookeeper': allowed is one of Localhost, AdoNet.")]
    [InlineData("--Cluster:Provider=Zookeeper", "Invalid setting Cluster:Provider = 'Zookeeper': allowed is one of Localhost, AdoNet.")]
    [InlineData("--Cluster:SiloPort=70000", "Invalid setting Cluster:SiloPort = '70000': allowed is an integer from 1 to 65535.")]
    public async Task Run_InvalidSetting_PrintsOneLineNamingKeyValueAndAllowedAndExits(string argument, string expected)
    {
        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly, [argument]);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Equal([expected], silo.Lines);
    }
}
