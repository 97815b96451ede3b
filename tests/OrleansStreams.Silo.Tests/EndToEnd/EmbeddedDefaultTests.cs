using Confluent.Kafka;
using OrleansStreams.Client.Verification;
using OrleansStreams.TestKit;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// The main job on its embedded default (dev broker, SQLite, localhost clustering, demo pipeline
/// and generator in one process), killed with SIGKILL mid-run and started again from the same
/// working directory.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EmbeddedDefaultTests(ITestOutputHelper output)
{
    private const long Total = 40_000;
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");

    [Fact]
    public async Task Run_KilledTwiceMidRunAndRestarted_ContinuesAndOutputIsExactlyOnce()
    {
        using var directory = SqliteTestFile.Create("orleansstreams-embedded");
        var brokerPort = FreePorts.Next();
        var bootstrap = $"127.0.0.1:{brokerPort}";
        string[] args =
        [
            $"--DevBroker:Listen={bootstrap}",
            $"--Cluster:SiloPort={FreePorts.Next()}",
            $"--Cluster:GatewayPort={FreePorts.Next()}",
            $"--Metrics:Listen=127.0.0.1:{FreePorts.Next()}",
            "--Query:Listen=127.0.0.1:0",
            $"--Generator:Total={Total}",
            "--Generator:Rate=4000",
            "--Generator:EventTimeSpeed=60",
            "--Progress:Interval=1s",
        ];
        var log = new List<string>();

        for (var kill = 1; kill <= 2; kill++)
        {
            await using var silo = await StartAsync(args, directory.Directory);
            var target = kill * Total / 3;
            await WaitForAsync(() => InputRecords(bootstrap) >= target, TimeSpan.FromSeconds(120), $"{target} records generated", silo);
            output.WriteLine($"SIGKILL {kill} with {InputRecords(bootstrap)} input records");
            silo.Kill();
            await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
            log.Add(silo.Output);
        }

        await using (var last = await StartAsync(args, directory.Directory))
        {
            await last.WaitForLineAsync(l => l.Contains("Load generator finished", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            var result = await OutputVerifier.VerifyAsync(bootstrap, DemoJob.Input, DemoJob.Output, WindowRule.Demo, TimeSpan.FromSeconds(120));
            output.WriteLine(result.ToString());
            Assert.True(result.Passed, $"{result}\n{string.Join("\n", result.Examples)}\n{string.Join("\n", log)}\n{last.Output}");
            Assert.True(result.Expected > 500, $"only {result.Expected} windows closed");

            last.Terminate();
            Assert.True(await last.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the silo did not stop within 10 s of SIGTERM");
        }

        Assert.True(File.Exists(Path.Combine(directory.Directory, "data", "state.db")));
    }

    private static async Task<ManagedProcess> StartAsync(string[] args, string directory)
    {
        var silo = ManagedProcess.StartDotnet("embedded", SiloAssembly, args, workingDirectory: directory);
        await silo.WaitForLineAsync(l => l.Contains(" ready at ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        return silo;
    }

    private static long InputRecords(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "embedded-test" }).SetLogHandler((_, _) => { }).Build();
        return Enumerable.Range(0, 4).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(DemoJob.Input, p), TimeSpan.FromSeconds(5)).High.Value);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what, ManagedProcess silo)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (KafkaException)
            {
                // The topic may not exist yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what}: not reached within {timeout}\n{silo.Output}");
            await Task.Delay(250);
        }
    }
}
