using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// The demo pipeline end to end — generator → broker → silos → <c>sensor-aggregates</c> — against
/// the independent batch computation over the same input.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WindowedPipelineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    [InlineData("Memory")]
    public async Task Run_OneSiloExactlyOnce_EveryClosedWindowOnceWithTheBatchValues(string storage)
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { Storage = storage, AdoNetCluster = false });
        await job.StartSilosAsync(1);

        await job.ProduceAsync(total: 40_000, rate: 8_000);
        var result = await job.VerifyAsync(Settle);

        output.WriteLine(result.ToString());
        Assert.True(result.Passed, job.Explain(result));
        Assert.True(result.Expected > 1_000, $"the input closed only {result.Expected} windows");
        Assert.Equal(storage == "Memory", job.Silos.Output.Contains("Storage:Provider is Memory: window state is lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TwoSilosAtLeastOnce_EveryClosedWindowWithTheBatchValuesDuplicatesCounted()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { Guarantee = "AtLeastOnce" });
        await job.StartSilosAsync(2);

        await job.ProduceAsync(total: 40_000, rate: 8_000);
        var result = await job.VerifyAsync(Settle, exactlyOnce: false);

        output.WriteLine($"{result} (at-least-once: duplicates allowed)");
        Assert.True(result.Missing == 0 && result.Wrong == 0, job.Explain(result));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Run_SiloStoppedAndRestartedMidStream_WindowStateSurvivesInStorage(string storage)
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { Storage = storage, AdoNetCluster = false });
        await job.StartSilosAsync(1);

        await job.ProduceAsync(total: 20_000, rate: 8_000);
        await WaitForCommittedAsync(job);
        await job.Silos.StopAsync(0);
        await job.StartSiloAsync(0);
        await job.ProduceAsync(total: 40_000, rate: 8_000);
        var result = await job.VerifyAsync(Settle);

        // The second run continues event time where the first stopped, so the windows open at the stop
        // get records from both runs: their counts are right only if their state came back from storage.
        output.WriteLine(result.ToString());
        Assert.True(result.Passed, job.Explain(result));
    }

    private static async Task WaitForCommittedAsync(DemoJob job)
    {
        var deadline = DateTime.UtcNow + Settle;
        while (job.Broker.Lag(DemoJob.GroupId, DemoJob.Input) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"input not committed within {Settle}\n{job.Silos.Output}");
            await Task.Delay(500);
        }
    }
}
