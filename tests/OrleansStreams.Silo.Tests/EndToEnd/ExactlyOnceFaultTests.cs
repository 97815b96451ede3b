using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// Exactly-once through crashes: faults are injected mid-stream, then the committed output must
/// equal the batch computation over the input — nothing missing, nothing doubled, nothing wrong —
/// and every committed epoch must hold exactly the outputs caused inside it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ExactlyOnceFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_NoFaults_EveryCommittedEpochHoldsExactlyTheOutputsCausedInIt()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { AdoNetCluster = false, CommitInterval = "300ms" });
        using var sampler = new CommittedOffsetSampler(job.Broker.BootstrapServers, DemoJob.GroupId, DemoJob.Input, job.Options.Partitions);
        await job.StartSilosAsync(1);

        await job.ProduceAsync(total: 40_000, rate: 4_000);
        var result = await job.VerifyAsync(Settle);

        Assert.True(result.Passed, job.Explain(result));
        AssertEpochInvariant(job, sampler, minimumCoverage: 0.8);
    }

    [Fact]
    public async Task Run_RandomSiloKilledEveryFewSeconds_OutputExactlyOnce()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { Partitions = 8 });
        using var sampler = new CommittedOffsetSampler(job.Broker.BootstrapServers, DemoJob.GroupId, DemoJob.Input, job.Options.Partitions);
        await job.StartSilosAsync(3);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"kill order seed {seed}");

        var producing = job.ProduceAsync(total: 200_000, rate: 5_000);
        var kills = 0;
        while (await Task.WhenAny(producing, Task.Delay(TimeSpan.FromSeconds(4))) != producing)
        {
            var victim = random.Next(3);
            await job.Silos.KillAsync(victim);
            kills++;
            await job.StartSiloAsync(victim);
        }

        await producing;
        var result = await job.VerifyAsync(Settle);

        var replays = Replays().Matches(job.Silos.Output).Count(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) < long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        output.WriteLine($"{kills} silos killed with SIGKILL: {result}; {replays} generations rebuilt state by replaying input below their committed offset");
        Assert.True(result.Passed, job.Explain(result));
        Assert.True(kills >= 3, $"only {kills} kills happened while producing");
        Assert.True(replays > 0, "no recovery replayed from a checkpoint below its committed offset");
        AssertEpochInvariant(job, sampler, minimumCoverage: 0);
    }

    [Fact]
    public async Task Run_BrokerRestartedMidRun_OutputExactlyOnce()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { AdoNetCluster = false });
        await job.StartSilosAsync(2);

        var producing = job.ProduceAsync(total: 60_000, rate: 5_000);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await job.Broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await job.Broker.StartAgainAsync();
        await producing;
        var result = await job.VerifyAsync(Settle);

        output.WriteLine(result.ToString());
        Assert.True(result.Passed, job.Explain(result));
    }

    [Fact]
    public async Task Run_CommitterFencedByAnotherProducerWithItsTransactionalId_PartitionRecoversExactlyOnce()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { AdoNetCluster = false });
        await job.StartSilosAsync(1);

        var producing = job.ProduceAsync(total: 40_000, rate: 5_000);
        await Task.Delay(TimeSpan.FromSeconds(4));
        using (var intruder = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = job.Broker.BootstrapServers,
            TransactionalId = $"{DemoJob.GroupId}.0",
        }).Build())
        {
            intruder.InitTransactions(TimeSpan.FromSeconds(30));
        }

        await producing;
        var result = await job.VerifyAsync(Settle);

        output.WriteLine(result.ToString());
        Assert.True(result.Passed, job.Explain(result));
        Assert.Contains(job.Silos.Output.Split('\n'), l => l.Contains("Partition sensors/0 generation 2 started", StringComparison.Ordinal));
    }

    private void AssertEpochInvariant(DemoJob job, CommittedOffsetSampler sampler, double minimumCoverage)
    {
        var commits = sampler.Samples;
        var outputs = job.ReadOutput();
        var violations = EpochInvariant.Violations(outputs, commits);
        var epochs = commits.GroupBy(c => c.Partition).Sum(g => g.Max(c => c.Epoch) - g.Min(c => c.Epoch) + 1);
        var coverage = (double)commits.Count / Math.Max(1, epochs);
        output.WriteLine($"epoch invariant checked against {commits.Count} observed commits ({coverage:P0} of the epochs in their range) and {outputs.Count} outputs");
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(20)));
        Assert.True(commits.Count >= 10, $"only {commits.Count} commits observed");
        Assert.True(coverage >= minimumCoverage, $"only {coverage:P0} of the epochs were observed");
    }

    [GeneratedRegex(@"generation \d+ started at offset (\d+) \(committed epoch \d+; state replayed from offset (-?\d+)\)")]
    private static partial Regex Replays();
}
