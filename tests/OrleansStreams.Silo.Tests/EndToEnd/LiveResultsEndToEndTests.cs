using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Client;
using OrleansStreams.Client.Verification;
using OrleansStreams.Records;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// Live results against real silo processes: a watch of every key and a watch of one key, in the SDK
/// and on the CLI, receive exactly the results the output topic committed, each with the epoch, partition
/// and causing offset of the transaction that committed it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiveResultsEndToEndTests(ITestOutputHelper output)
{
    private const string Pipeline = OrleansStreams.Configuration.DemoPipeline.Name;
    private const string WatchedKey = "sensor-00000"; // the most frequent key of the Zipf input

    /// <summary>The demo pipeline's shape, configured, with its results published.</summary>
    private static readonly string[] PublishingPipeline =
    [
        $"--Pipelines:{Pipeline}:Input={DemoJob.Input}",
        $"--Pipelines:{Pipeline}:Output={DemoJob.Output}",
        $"--Pipelines:{Pipeline}:LateTopic={DemoJob.Input}-late",
        $"--Pipelines:{Pipeline}:Value=Json:value",
        $"--Pipelines:{Pipeline}:Window:Kind=Tumbling",
        $"--Pipelines:{Pipeline}:Window:Size=1m",
        $"--Pipelines:{Pipeline}:Window:Grace=10s",
        $"--Pipelines:{Pipeline}:PublishResults=true",
    ];

    [Fact]
    public async Task Watch_WhileTheInputIsProcessed_ReceivesExactlyTheCommittedOutput_InTheSdkAndOnTheCli()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { AdoNetCluster = false, Storage = "Sqlite", CommitInterval = "300ms", SiloArguments = PublishingPipeline });
        await job.StartSilosAsync(2);
        using var client = await ClientHost.StartAsync(job.ClientClusterSettings(0, 1));
        await using var all = await client.Queries.WatchAsync(Pipeline);
        await using var one = await client.Queries.WatchAsync(Pipeline, WatchedKey);
        var everyKey = Collect(all);
        var oneKey = Collect(one);
        var filtered = await RawFilteredSubscriptions(client, WatchedKey);
        var subscribed = new SubscribedSignal();
        string[] gateways = ["--gateway", $"127.0.0.1:{job.Silos.PortsOf(0).GatewayPort}", "--gateway", $"127.0.0.1:{job.Silos.PortsOf(1).GatewayPort}"];
        using var cliOutput = new StringWriter();
        var cli = new OrleansStreams.Client.Cli.CliRunner(cliOutput, subscribed, new OrleansStreams.Client.Cli.OrleansClusterConnector(), TimeProvider.System)
            .RunAsync(["watch", .. gateways, "--pipeline", Pipeline, "--key", WatchedKey, "--count", "3", "--json"], CancellationToken.None);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var readme = new LinesThenCancel(lines: 3);
        var following = ReadmeClientExample.FollowAsync(client.Queries, WatchedKey, readme, readme.Token);
        await readme.FirstLine.WaitAsync(TimeSpan.FromSeconds(60)); // watching, and the state before read

        await job.ProduceAsync(total: 20_000, rate: 5_000, keys: 300);
        var verified = await job.VerifyAsync(TimeSpan.FromMinutes(3));
        Assert.True(verified.Passed, job.Explain(verified));
        var committed = job.ReadOutput().Select(FromTopic).ToList();
        Assert.True(committed.Count > 100, $"only {committed.Count} results committed");

        var received = await everyKey.UntilAsync(r => r.Select(Describe).Distinct().Count() >= committed.Count, TimeSpan.FromSeconds(60));
        AssertSameResults(committed, received);
        var receivedForKey = await oneKey.UntilAsync(r => r.Select(Describe).Distinct().Count() >= committed.Count(c => c.Key == WatchedKey), TimeSpan.FromSeconds(60));
        Assert.All(receivedForKey, r => Assert.Equal(WatchedKey, r.Key));
        AssertSameResults([.. committed.Where(c => c.Key == WatchedKey)], receivedForKey);
        output.WriteLine($"{committed.Count} results committed, {received.Count} received by the watch of every key, {receivedForKey.Count} by the watch of {WatchedKey}, {ListObserver.Count(filtered, _ => true)} sent to a raw subscription filtered by its key");

        // The key filter runs in the silos: a subscription filtered by the key gets only the batches holding it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ListObserver.Count(filtered, r => r.Key == WatchedKey) < receivedForKey.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var sent = ListObserver.Count(filtered, _ => true);
        Assert.Equal(receivedForKey.Count, ListObserver.Count(filtered, r => r.Key == WatchedKey));
        Assert.True(sent < committed.Count / 2, $"{sent} of {committed.Count} results sent to a subscription of one key");

        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(60)));
        var lines = cliOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var forKey = committed.Where(c => c.Key == WatchedKey).Select(Describe).ToHashSet();
        Assert.All(lines, line => Assert.Contains(Describe(FromCli(line)), forKey));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following.WaitAsync(TimeSpan.FromSeconds(60)));
        var firstTwo = receivedForKey.Take(2).Select(r => $"{r.Start:HH:mm} final={r.Final} count={r.Result?.GetProperty("count")} epoch={r.Epoch}");
        Assert.Equal(["0 windows so far", .. firstTwo], readme.Lines);
    }

    [Fact]
    public async Task Watch_SiloKilledMidStream_NothingUncommittedIsDelivered_AndEveryPartitionsLastEpochStillArrives()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { CommitInterval = "300ms", SiloArguments = PublishingPipeline });
        await job.StartSilosAsync(3);
        using var client = await ClientHost.StartAsync(job.ClientClusterSettings());
        await using var all = await client.Queries.WatchAsync(Pipeline);
        var everyKey = Collect(all);
        var producing = job.ProduceAsync(total: 45_000, rate: 2_500, keys: 200);

        var before = await everyKey.UntilAsync(r => r.Select(x => x.Partition).Distinct().Count() == 4, TimeSpan.FromSeconds(60));
        Assert.True(before.Select(x => x.Partition).Distinct().Count() == 4, "results of every partition before the kill");
        await job.Silos.KillAsync(1);
        await job.StartSiloAsync(1);
        await producing;
        var verified = await job.VerifyAsync(TimeSpan.FromMinutes(3));
        Assert.True(verified.Passed, job.Explain(verified));
        var committed = job.ReadOutput().Select(FromTopic).ToList();
        var last = committed.GroupBy(c => c.Partition).ToDictionary(g => g.Key, g => g.Max(c => c.Epoch));
        bool LastEpochsArrived(List<LiveResult> r) => last.All(l => r.Any(x => x.Partition == l.Key && x.Epoch == l.Value));
        var received = await everyKey.UntilAsync(LastEpochsArrived, TimeSpan.FromSeconds(60));

        var expected = committed.Select(Describe).ToHashSet(StringComparer.Ordinal);
        var foreign = received.Select(Describe).Where(r => !expected.Contains(r)).ToList();
        Assert.True(foreign.Count == 0, $"delivered but never committed:\n{string.Join("\n", foreign.Take(10))}");
        Assert.True(LastEpochsArrived(received), $"last committed epochs {string.Join(", ", last.Select(l => $"p{l.Key} e{l.Value}"))}; received up to {string.Join(", ", received.GroupBy(r => r.Partition).Select(g => $"p{g.Key} e{g.Max(r => r.Epoch)}"))}");
        var missed = expected.Count - received.Select(Describe).Distinct().Count();
        output.WriteLine($"{committed.Count} results committed, {received.Count} delivered ({missed} missed while silo 1 was down), the last epoch of every partition among them");
    }

    /// <summary>Every committed result was received, and nothing else; a result received twice came with the same epoch.</summary>
    private static void AssertSameResults(IReadOnlyList<LiveResult> committed, IReadOnlyList<LiveResult> received)
    {
        var expected = committed.Select(Describe).Order(StringComparer.Ordinal).ToList();
        var actual = received.Select(Describe).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, expected.Distinct().Count());
        Assert.Equal(expected, actual);
    }

    /// <summary>A result with everything that identifies it: key, window, value, epoch, partition and causing offset.</summary>
    private static string Describe(LiveResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Key}@{r.Start.ToUnixTimeMilliseconds()}-{r.End.ToUnixTimeMilliseconds()} final={r.Final} p{r.Partition} e{r.Epoch} o{r.Offset} {(r.Result is { } json ? json.GetRawText() : "retracted")}");

    private static LiveResult FromTopic(TopicRecord record)
    {
        var key = Encoding.UTF8.GetString(record.Key!);
        var at = key.LastIndexOf('@');
        var start = long.Parse(key[(at + 1)..], CultureInfo.InvariantCulture);
        using var value = JsonDocument.Parse(record.Value!);
        return new LiveResult(
            key[..at],
            DateTimeOffset.FromUnixTimeMilliseconds(start),
            DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp + 1),
            Final: true,
            value.RootElement.Clone(),
            int.Parse(record.Header(StreamHeaders.SourcePartition)!, CultureInfo.InvariantCulture),
            long.Parse(record.Header(StreamHeaders.Epoch)!, CultureInfo.InvariantCulture),
            long.Parse(record.Header(StreamHeaders.CausingOffset)!, CultureInfo.InvariantCulture));
    }

    private static LiveResult FromCli(string line)
    {
        using var json = JsonDocument.Parse(line);
        var r = json.RootElement;
        Assert.Equal(Pipeline, r.GetProperty("pipeline").GetString());
        return new LiveResult(
            r.GetProperty("key").GetString()!,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("start").GetInt64()),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("end").GetInt64()),
            r.GetProperty("final").GetBoolean(),
            r.GetProperty("result").Clone(),
            r.GetProperty("partition").GetInt32(),
            r.GetProperty("epoch").GetInt64(),
            r.GetProperty("offset").GetInt64());
    }

    private static Collector Collect(IResultWatch watch) => new(watch);

    /// <summary>Subscribes to every partition's results stream with Orleans' own API, the key as filter data; what arrives is collected.</summary>
    private static async Task<List<OrleansStreams.Queries.PublishedResult>> RawFilteredSubscriptions(ClientHost client, string key)
    {
        var provider = client.Services.GetRequiredKeyedService<Orleans.Streams.IStreamProvider>(OrleansStreams.Queries.ResultStreams.ProviderName);
        var received = new List<OrleansStreams.Queries.PublishedResult>();
        for (var partition = 0; partition < 4; partition++)
        {
            var stream = provider.GetStream<OrleansStreams.Queries.PublishedResult>(StreamId.Create(Pipeline, OrleansStreams.Queries.ResultStreams.StreamKeyOf(partition)));
            await stream.SubscribeAsync(new ListObserver(received), null, key);
        }

        return received;
    }

    /// <summary>Reads a watch in the background; <see cref="UntilAsync"/> waits for a condition over what arrived.</summary>
    private sealed class Collector
    {
        private readonly List<LiveResult> _results = [];
        private readonly Task _reading;

        public Collector(IResultWatch watch) => _reading = Task.Run(async () =>
        {
            await foreach (var result in watch)
            {
                lock (_results)
                {
                    _results.Add(result);
                }
            }
        });

        public async Task<List<LiveResult>> UntilAsync(Func<List<LiveResult>, bool> done, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                List<LiveResult> snapshot;
                lock (_results)
                {
                    snapshot = [.. _results];
                }

                if (done(snapshot) || DateTime.UtcNow > deadline || _reading.IsCompleted)
                {
                    return snapshot;
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>An Orleans stream observer that adds what it receives to a list (locked by the list).</summary>
    private sealed class ListObserver(List<OrleansStreams.Queries.PublishedResult> received) : Orleans.Streams.IAsyncObserver<OrleansStreams.Queries.PublishedResult>
    {
        public static int Count(List<OrleansStreams.Queries.PublishedResult> list, Func<OrleansStreams.Queries.PublishedResult, bool> which)
        {
            lock (list)
            {
                return list.Count(which);
            }
        }

        public Task OnNextAsync(OrleansStreams.Queries.PublishedResult item, Orleans.Streams.StreamSequenceToken? token = null)
        {
            lock (received)
            {
                received.Add(item);
            }

            return Task.CompletedTask;
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }

    /// <summary>A console for the README example: keeps its lines, cancels once it has <c>lines</c> of them.</summary>
    private sealed class LinesThenCancel(int lines) : StringWriter
    {
        private readonly CancellationTokenSource _done = new();
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Lines { get; } = [];

        public CancellationToken Token => _done.Token;

        public Task FirstLine => _first.Task;

        public override void WriteLine(string? value)
        {
            lock (Lines)
            {
                Lines.Add(value ?? string.Empty);
                _first.TrySetResult();
                if (Lines.Count == lines)
                {
                    _done.Cancel();
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            _done.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The CLI's error writer: completes once the CLI says its subscriptions are in place.</summary>
    private sealed class SubscribedSignal : StringWriter
    {
        private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _subscribed.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith("watching ", StringComparison.Ordinal) == true)
            {
                _subscribed.TrySetResult();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
