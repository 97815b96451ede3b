using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>A large key space is load, not a fault: it may slow a partition, never make it fail and recover.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ScaleTests(ITestOutputHelper output)
{
    private const int Partitions = 4;

    [Fact]
    public async Task Run_HundredThousandUniformKeysNoFaults_OneGenerationPerPartitionAndExactOutput()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { Storage = "Sqlite", AdoNetCluster = false, CommitInterval = "1s", Partitions = Partitions });
        await job.StartSilosAsync(1);

        await job.ProduceAsync(total: 300_000, rate: 30_000, keys: 100_000, skew: 0);
        var result = await job.VerifyAsync(TimeSpan.FromMinutes(4));

        var generations = GenerationStarted().Matches(job.Silos.Output).Select(m => (Partition: m.Groups[1].Value, Generation: m.Groups[2].Value)).ToList();
        output.WriteLine($"{result}; generations started: {string.Join(", ", generations.Select(g => $"{g.Partition}:{g.Generation}"))}");
        Assert.True(result.Passed, job.Explain(result));
        Assert.True(result.Expected > 100_000, $"the input closed only {result.Expected} windows");
        Assert.Equal(Enumerable.Range(0, Partitions).Select(p => (p.ToString(System.Globalization.CultureInfo.InvariantCulture), "1")), generations.OrderBy(g => g.Partition));
    }

    [GeneratedRegex(@"Partition sensors/(\d+) generation (\d+) started")]
    private static partial Regex GenerationStarted();
}
