using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// The long exactly-once soak, outside CI (it takes several minutes): <c>bash tests/soak.sh</c>.
/// A random silo is killed with SIGKILL every few seconds and the broker restarted every minute
/// while the generator produces; then the committed output must equal the batch computation.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Soak_KillsAndBrokerRestartsForMinutes_OutputExactlyOnce()
    {
        var records = Setting("SOAK_RECORDS", 1_000_000);
        var rate = Setting("SOAK_RATE", 4_000);
        var killEvery = TimeSpan.FromSeconds(Setting("SOAK_KILL_EVERY_SECONDS", 5));
        var brokerEvery = TimeSpan.FromSeconds(Setting("SOAK_BROKER_RESTART_SECONDS", 60));
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { Partitions = 8 });
        using var sampler = new CommittedOffsetSampler(job.Broker.BootstrapServers, DemoJob.GroupId, DemoJob.Input, job.Options.Partitions);
        await job.StartSilosAsync(3);
        var random = new Random(Environment.TickCount);
        var clock = Stopwatch.StartNew();
        var lastBrokerRestart = TimeSpan.Zero;
        int kills = 0, brokerRestarts = 0;

        var producing = job.ProduceAsync(records, rate);
        while (await Task.WhenAny(producing, Task.Delay(killEvery)) != producing)
        {
            if (clock.Elapsed - lastBrokerRestart >= brokerEvery)
            {
                await job.Broker.StopAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                await job.Broker.StartAgainAsync();
                lastBrokerRestart = clock.Elapsed;
                brokerRestarts++;
            }
            else
            {
                var victim = random.Next(3);
                await job.Silos.KillAsync(victim);
                await job.StartSiloAsync(victim);
                kills++;
            }

            Progress($"{clock.Elapsed:mm\\:ss} {kills} kills, {brokerRestarts} broker restarts");
        }

        await producing;
        var result = await job.VerifyAsync(TimeSpan.FromMinutes(10));
        var violations = EpochInvariant.Violations(job.ReadOutput(), sampler.Samples);

        Progress($"soak: {records:N0} records at {rate:N0}/s, {kills} silo kills, {brokerRestarts} broker restarts in {clock.Elapsed:mm\\:ss}: {result}; epoch invariant: {violations.Count} violations over {sampler.Samples.Count} observed commits");
        Assert.True(result.Passed, job.Explain(result));
        Assert.Empty(violations);
    }

    private void Progress(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
