using System.Text;
using OrleansStreams.Client.Verification;
using OrleansStreams.Records;
using OrleansStreams.TestKit;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.Ingress;

/// <summary>
/// Partition agents across silo processes against the dev broker (at-least-once). Delivery is
/// checked by what the key grains recorded in PostgreSQL, not by what the silos say.
/// </summary>
[Collection(OrleansStreams.Silo.Tests.EndToEnd.EndToEndCollection.Name)]
public sealed class IngressClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Topic = "ingest-input";
    private static readonly string HostAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.TestHost.dll");
    private TestBroker _broker = null!;
    private AppliedRecords _applied = null!;
    private SiloCluster _silos = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        await _broker.CreateTopicAsync(Topic, 8);
        _applied = await AppliedRecords.CreateAsync("ingress");
        _silos = new SiloCluster(HostAssembly,
        [
            $"--Kafka:BootstrapServers={_broker.BootstrapServers}",
            "--Processing:Guarantee=AtLeastOnce",
            "--Processing:CommitInterval=200ms",
            "--Cluster:ProbeTimeout=1s",
            "--Cluster:MissedProbesLimit=2",
            $"--Test:RecordTo={_applied.ConnectionString}",
            $"--Test:Topic={Topic}",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _silos.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Run_ThreeSilos_EveryRecordReachesItsKeyGrainInOffsetOrderAndEverySiloWorks()
    {
        await StartSilosAsync(3);

        await _broker.ProduceAsync(Topic, Records(0, 100_000, keys: 1_000));
        var report = await WaitForAllAsync(100_000);

        Assert.Equal(0, report.OutOfOrder);
        Assert.Equal(3, report.RowsPerSilo.Count);
    }

    [Fact]
    public async Task Run_SiloKilledMidStream_ItsPartitionsMoveAndNothingIsLost()
    {
        await StartSilosAsync(3);

        var producing = ProduceSteadilyAsync(100_000);
        await WaitForAsync(async () => await _applied.DistinctAsync() >= 30_000, TimeSpan.FromSeconds(60), "30,000 records applied");
        await _silos.KillAsync(2);
        await producing;
        var report = await WaitForAllAsync(100_000);

        Assert.Equal(0, report.OutOfOrder);
        output.WriteLine($"duplicates after the kill (at-least-once replays): {report.Duplicates}");
    }

    [Fact]
    public async Task Run_SiloJoinsMidStream_ItTakesPartitionsAndNothingIsLost()
    {
        await StartSilosAsync(2);

        await ProduceSteadilyAsync(0, 30_000);
        await WaitForAsync(async () => await _applied.DistinctAsync() >= 30_000, TimeSpan.FromSeconds(60), "30,000 records applied");
        await _silos.StartAsync(2, Primary());
        await _silos.WaitForLineAsync(2, l => l.Contains("Silo owns ", StringComparison.Ordinal) && !l.Contains("Silo owns 0 ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await ProduceSteadilyAsync(30_000, 70_000);
        var report = await WaitForAllAsync(100_000);

        Assert.Equal(0, report.OutOfOrder);
        Assert.True(report.RowsPerSilo.GetValueOrDefault("silo-2") > 0, $"the joining silo applied nothing: {report}");
    }

    [Fact]
    public async Task Run_RecordsWithoutUsableKeyOrTimestamp_DeadLetteredWithReasonAndThePartitionKeepsFlowing()
    {
        await StartSilosAsync(1);
        byte[] invalidUtf8 = [0xC3, 0x28];
        await _broker.ProduceRawAsync(Topic,
        [
            (Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("before"), 1_000),
            (null, Encoding.UTF8.GetBytes("no key"), 1_000),
            (invalidUtf8, Encoding.UTF8.GetBytes("bad key"), 1_000),
            ([], Encoding.UTF8.GetBytes("empty key"), 1_000),
            (Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("after"), 1_000),
        ]);

        await WaitForAsync(async () => await _applied.DistinctAsync() == 2, TimeSpan.FromSeconds(60), "the two good records applied");
        List<TopicRecord> deadLetters = [];
        await WaitForAsync(() =>
        {
            deadLetters = TopicReader.ReadAll(_broker.BootstrapServers, $"{Topic}-dlq", readCommitted: false);
            return Task.FromResult(deadLetters.Count >= 3);
        }, TimeSpan.FromSeconds(30), "three dead letters");

        Assert.Equal(["bad key", "empty key", "no key"], deadLetters.Select(d => Encoding.UTF8.GetString(d.Value!)).Order());
        Assert.All(deadLetters, d =>
        {
            Assert.Equal("ingest", d.Header(StreamHeaders.Pipeline));
            Assert.NotNull(d.Header(StreamHeaders.SourcePartition));
            Assert.NotNull(d.Header(StreamHeaders.CausingOffset));
            Assert.StartsWith("record key is", d.Header(StreamHeaders.DeadLetterReason), StringComparison.Ordinal);
        });
        Assert.Contains(deadLetters, d => d.Header(StreamHeaders.DeadLetterReason) == "record key is not valid UTF-8");
    }

    private string Primary() => $"--Cluster:PrimarySiloEndpoint=127.0.0.1:{_silos.PortsOf(0).SiloPort}";

    private async Task StartSilosAsync(int count)
    {
        await _silos.StartAsync(0);
        for (var i = 1; i < count; i++)
        {
            await _silos.StartAsync(i, Primary());
        }
    }

    private Task ProduceSteadilyAsync(int total) => ProduceSteadilyAsync(0, total);

    private async Task ProduceSteadilyAsync(int first, int count)
    {
        for (var start = first; start < first + count; start += 5_000)
        {
            await _broker.ProduceAsync(Topic, Records(start, 5_000, keys: 1_000));
            await Task.Delay(300);
        }
    }

    private async Task<DeliveryReport> WaitForAllAsync(long count)
    {
        await WaitForAsync(async () => await _applied.DistinctAsync() == count, TimeSpan.FromSeconds(180), $"{count} records applied");
        var report = DeliveryReport.Of(await _applied.AllAsync());
        output.WriteLine(report.ToString());
        Assert.Equal(count, report.Distinct);
        return report;
    }

    private static IEnumerable<(string? Key, string Value, long Timestamp)> Records(int first, int count, int keys) =>
        Enumerable.Range(first, count).Select(i => ((string?)$"key-{i % keys}", $"{{\"value\": {i}}}", 1_700_000_000_000L + i));

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {timeout}\n{_silos.Output}");
            }

            await Task.Delay(250);
        }
    }
}
