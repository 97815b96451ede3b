using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Client;
using OrleansStreams.Client.Verification;
using OrleansStreams.Queries;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// The client SDK and the HTTP endpoint against real silo processes: answers equal the independent
/// batch computation over the input below their position, committed reads never hold an uncommitted
/// record, and queries keep answering — without going back — while the silo that owns a partition is killed.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class QueryEndToEndTests(ITestOutputHelper output)
{
    private const string Pipeline = OrleansStreams.Configuration.DemoPipeline.Name;

    [Fact]
    public async Task Query_AfterTheInputIsCommitted_EveryKeyEqualsTheOracleInTheSdkAndOverHttp()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { AdoNetCluster = false, Storage = "Sqlite", CommitInterval = "300ms" });
        await job.StartSilosAsync(2);
        await job.ProduceAsync(total: 20_000, rate: 5_000, keys: 300);
        var verified = await job.VerifyAsync(TimeSpan.FromMinutes(3));
        Assert.True(verified.Passed, job.Explain(verified));
        using var client = await ClientHost.StartAsync(job.ClientClusterSettings(0, 1));
        var input = TopicReader.ReadAll(job.Broker.BootstrapServers, DemoJob.Input, readCommitted: true);
        var keys = input.Where(r => r.Key is { Length: > 0 }).Select(QueryAnswerCheck.KeyOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var end = new QueryPositions(input.GroupBy(r => r.Partition).Select(p => new QueryPosition(p.Key, 0, 0, p.Max(r => r.Offset) + 1)));

        var committed = await client.Queries.QueryAsync(Pipeline, keys, new WindowQueryOptions { AtLeast = end, WaitTimeout = TimeSpan.FromSeconds(60) });
        var latest = await client.Queries.QueryAsync(Pipeline, keys, new WindowQueryOptions { Consistency = QueryConsistency.Latest });

        // A key whose windows all left state (its last record older than the retention) is rightly not found; the check below knows which.
        Assert.True(committed.Keys.Count(k => k.Found) > keys.Length / 2, $"only {committed.Keys.Count(k => k.Found)} of {keys.Length} keys found");
        Assert.Equal(end.Select(p => (p.Partition, p.Offset)), committed.Positions.Select(p => (p.Partition, p.Offset)));
        var problems = QueryAnswerCheck.Problems(input, committed.Keys.Select(k => new QueryAnswerCheck.Answer(k, Committed: true, committed.Positions)).Concat(latest.Keys.Select(k => new QueryAnswerCheck.Answer(k, Committed: false, latest.Positions))));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.All(latest.Positions, p => Assert.True(committed.Positions.TryGetPosition(p.Partition, out var c) && p.Offset >= c.Offset, $"latest {p} is behind committed"));
        Assert.Contains(committed.Keys, k => k.Windows.Any(w => w.Final)); // the default retention keeps the last closed window
        output.WriteLine($"{keys.Length} keys, {committed.Keys.Sum(k => k.Windows.Count)} windows, all equal to the oracle");

        using var console = new StringWriter();
        var found = committed.Keys.Where(k => k.Found).ToArray();
        var example = await ReadmeClientExample.QueryAsync(client.Queries, found[0].Key, found[1].Key, console);
        Assert.Equal(found[0].Windows.Count, console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal([found[0].Key, found[1].Key], example.Keys.Select(k => k.Key));

        // The same reads over HTTP, from the silo that does not hold the key's partition as well as the one that does.
        using var http = new HttpClient();
        var key = committed.Keys.First(k => k.Windows.Any(w => w.Final));
        foreach (var silo in new[] { 0, 1 })
        {
            var url = $"http://127.0.0.1:{job.Silos.QueryPortOf(silo)}/v1/pipelines";
            using var pipelines = await GetJson(http, url, HttpStatusCode.OK);
            Assert.Equal(
                [(Pipeline, true, "Final")],
                pipelines.RootElement.GetProperty("pipelines").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("windowed").GetBoolean(), p.GetProperty("emit").GetString())));

            using var windows = await GetJson(http, $"{url}/{Pipeline}/keys/{key.Key}/windows?consistency=committed", HttpStatusCode.OK);
            Assert.Equal(
                key.Windows.Select(w => (w.Start.ToUnixTimeMilliseconds(), w.End.ToUnixTimeMilliseconds(), w.Final, w.Result.GetProperty("count").GetInt64())),
                windows.RootElement.GetProperty("windows").EnumerateArray().Select(w => (w.GetProperty("start").GetInt64(), w.GetProperty("end").GetInt64(), w.GetProperty("final").GetBoolean(), w.GetProperty("result").GetProperty("count").GetInt64())));
            Assert.Equal(key.Position!.Offset, windows.RootElement.GetProperty("position").GetProperty("offset").GetInt64());
            Assert.Equal(key.Key, windows.RootElement.GetProperty("windows")[0].GetProperty("result").GetProperty("key").GetString());
        }

        // The CLI over the same cluster.
        string[] gateways = ["--gateway", $"127.0.0.1:{job.Silos.PortsOf(0).GatewayPort}", "--gateway", $"127.0.0.1:{job.Silos.PortsOf(1).GatewayPort}"];
        var (code, stdout, stderr) = await Cli(["query", .. gateways, "--pipeline", Pipeline, "--key", key.Key, "--json"]);
        Assert.True(code == 0, stderr);
        using (var cli = JsonDocument.Parse(stdout))
        {
            var cliKey = cli.RootElement.GetProperty("keys")[0];
            Assert.Equal(
                key.Windows.Select(w => (w.Start.ToUnixTimeMilliseconds(), w.Final, w.Result.GetProperty("count").GetInt64())),
                cliKey.GetProperty("windows").EnumerateArray().Select(w => (w.GetProperty("start").GetInt64(), w.GetProperty("final").GetBoolean(), w.GetProperty("result").GetProperty("count").GetInt64())));
        }

        (code, stdout, stderr) = await Cli(["status", .. gateways, "--pipeline", Pipeline]);
        Assert.True(code == 0, stderr);
        Assert.Equal(4, stdout.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*[0-3]\s")));
        (code, _, stderr) = await Cli(["query", .. gateways, "--pipeline", "payments", "--key", key.Key]);
        Assert.Equal((5, 1), (code, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Contains("payments", stderr, StringComparison.Ordinal);

        var first = key.Windows[0].Start.ToUnixTimeMilliseconds();
        var base0 = $"http://127.0.0.1:{job.Silos.QueryPortOf(0)}/v1/pipelines";
        using (var ranged = await GetJson(http, $"{base0}/{Pipeline}/keys/{key.Key}/windows?consistency=latest&from={first}&to={first + 1}", HttpStatusCode.OK))
        {
            Assert.Equal([first], ranged.RootElement.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("start").GetInt64()));
        }

        await AssertError(http, $"{base0}/{Pipeline}/keys/{key.Key}/windows?consistency=eventual", HttpStatusCode.BadRequest, "consistency", "committed or latest");
        await AssertError(http, $"{base0}/{Pipeline}/keys/{key.Key}/windows?from=yesterday", HttpStatusCode.BadRequest, "from", "epoch milliseconds, an integer");
        await AssertError(http, $"{base0}/{Pipeline}/keys/{key.Key}/windows?to=1.5", HttpStatusCode.BadRequest, "to", "epoch milliseconds, an integer");
        await AssertError(http, $"{base0}/{Pipeline}/keys/{key.Key}/windows?from=2000&to=1000", HttpStatusCode.BadRequest, "to", "a time after from (2000)");
        await AssertError(http, $"{base0}/payments/keys/{key.Key}/windows", HttpStatusCode.NotFound, "pipeline", "a pipeline the cluster defines (GET /v1/pipelines)");
        await AssertError(http, $"{base0}/payments/status", HttpStatusCode.NotFound, "pipeline", "a pipeline the cluster defines (GET /v1/pipelines)");
        using (var missing = await GetJson(http, $"http://127.0.0.1:{job.Silos.QueryPortOf(0)}/v2/anything", HttpStatusCode.NotFound))
        {
            Assert.StartsWith("no such path: GET /v2/anything", missing.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        // Status: every partition reported by its owner, committed up to the end of the input.
        JsonDocument status;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            status = await GetJson(http, $"{base0}/{Pipeline}/status", HttpStatusCode.OK);
            var partitions = status.RootElement.GetProperty("partitions").EnumerateArray().ToList();
            if (partitions.Count == 4 && partitions.All(p => p.GetProperty("committedOffset").GetInt64() == end.Single(e => e.Partition == p.GetProperty("partition").GetInt32()).Offset))
            {
                break;
            }

            status.Dispose();
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the status never showed every partition committed to the end");
            await Task.Delay(200);
        }

        using (status)
        {
            Assert.Equal(4, status.RootElement.GetProperty("partitionCount").GetInt32());
            Assert.Equal(2, status.RootElement.GetProperty("silos").GetArrayLength());
            Assert.All(status.RootElement.GetProperty("partitions").EnumerateArray(), p =>
            {
                Assert.Equal(0, p.GetProperty("lagRecords").GetInt64());
                Assert.True(p.GetProperty("committedEpoch").GetInt64() > 0);
                Assert.Equal(JsonValueKind.Number, p.GetProperty("streamTime").ValueKind);
            });
        }
    }

    [Fact]
    public async Task Query_OwningSiloKilledDuringAQueryLoop_AnswersResumeAndNoAnswerGoesBackOrHoldsUncommittedRecords()
    {
        await using var job = await DemoJob.CreateAsync(new DemoJobOptions { CommitInterval = "300ms" });
        await job.StartSilosAsync(3);
        using var client = await ClientHost.StartAsync(job.ClientClusterSettings());
        var producing = job.ProduceAsync(total: 60_000, rate: 3_000, keys: 200);
        string[] keys = [.. Enumerable.Range(0, 40).Select(i => $"sensor-{i:D5}")];
        var answers = new List<QueryAnswerCheck.Answer>();
        var highest = new Dictionary<(bool, int), long>();
        var slowest = TimeSpan.Zero;
        var backwards = new List<string>();

        using var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var consistency = i % 3 == 2 ? QueryConsistency.Latest : QueryConsistency.Committed;
                var started = Stopwatch.StartNew();
                var result = await client.Queries.QueryAsync(Pipeline, keys, new WindowQueryOptions { Consistency = consistency, WaitTimeout = TimeSpan.FromSeconds(30) });
                slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
                foreach (var position in result.Positions)
                {
                    var slot = (consistency == QueryConsistency.Committed, position.Partition);
                    var seen = highest.GetValueOrDefault(slot, long.MinValue);
                    if (position.Offset < seen)
                    {
                        backwards.Add($"{consistency} {position} after offset {seen}");
                    }

                    highest[slot] = Math.Max(seen, position.Offset);
                }

                answers.AddRange(result.Keys.Select(k => new QueryAnswerCheck.Answer(k, consistency == QueryConsistency.Committed, result.Positions)));
                await Task.Delay(50);
            }
        });

        // Kill the silo that owns the first key's partition, twice, while the loop runs.
        var kills = 0;
        for (; kills < 2; kills++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var key = await client.Queries.QueryAsync(Pipeline, keys[0], new WindowQueryOptions { WaitTimeout = TimeSpan.FromSeconds(30) });
            var status = await client.Queries.GetStatusAsync(Pipeline);
            var owner = status.Partitions.Single(p => p.Partition == key.Partition).Silo;
            var victim = Enumerable.Range(0, 3).Single(i => owner.Contains($":{job.Silos.PortsOf(i).SiloPort}@", StringComparison.Ordinal));
            output.WriteLine($"killing silo {victim} ({owner}), owner of {keys[0]}'s partition {key.Partition}");
            await job.Silos.KillAsync(victim);
            await Task.Delay(TimeSpan.FromSeconds(4));
            await job.StartSiloAsync(victim);
        }

        await producing;
        var verified = await job.VerifyAsync(TimeSpan.FromMinutes(3));
        await stop.CancelAsync();
        await loop;

        var input = TopicReader.ReadAll(job.Broker.BootstrapServers, DemoJob.Input, readCommitted: true);
        var problems = QueryAnswerCheck.Problems(input, answers);
        output.WriteLine($"{answers.Count} key answers over {kills} kills; slowest query {slowest.TotalSeconds:0.0} s; {problems.Count} wrong, {backwards.Count} backwards");
        Assert.True(verified.Passed, job.Explain(verified));
        Assert.True(backwards.Count == 0, string.Join("\n", backwards.Take(10)));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.True(answers.Count(a => a.Committed && a.Key.Found) > 1_000, $"only {answers.Count(a => a.Key.Found)} answers found a key");
        Assert.True(slowest < TimeSpan.FromSeconds(30), $"a query waited {slowest}");
    }

    /// <summary>Runs the command-line tool's verbs in this process, against the real cluster.</summary>
    private static async Task<(int Code, string Output, string Error)> Cli(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await new OrleansStreams.Client.Cli.CliRunner(stdout, stderr, new OrleansStreams.Client.Cli.OrleansClusterConnector(), TimeProvider.System).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<JsonDocument> GetJson(HttpClient http, string url, HttpStatusCode expected)
    {
        using var response = await http.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private static async Task AssertError(HttpClient http, string url, HttpStatusCode expected, string parameter, string allowed)
    {
        using var error = await GetJson(http, url, expected);
        Assert.Equal((parameter, allowed), (error.RootElement.GetProperty("parameter").GetString(), error.RootElement.GetProperty("allowed").GetString()));
        Assert.DoesNotContain("   at ", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
