using System.Text.Json;
using OrleansStreams.Client.Cli;
using OrleansStreams.Client.Tests.Queries;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Cli;

public sealed class CliOutputTests
{
    private const string Result = """{"key":"s-1","start":60000,"end":120000,"count":3,"avg":2.5}""";

    private readonly CliHarness _cli = new();

    public CliOutputTests()
    {
        _cli.Cluster.Hold(2, "s-1", new StoredWindow(60_000, 120_000, true, Result), new StoredWindow(120_000, 180_000, false, """{"count":1}"""));
        _cli.Cluster.Hold(1, "idle");
        _cli.Cluster.Offsets[2] = 321;
    }

    [Fact]
    public async Task Query_Table_OneRowPerWindowAlignedAndRowsForKeysWithoutWindows()
    {
        var exitCode = await _cli.RunAsync("query", "--pipeline", "sensors", "--key", "s-1", "--key", "idle", "--key", "ghost");

        Assert.Equal(ExitCodes.Negative, exitCode);
        Assert.Equal(
            """
            KEY    PARTITION  OFFSET  START                     END                       FINAL  RESULT
            s-1    2          321     1970-01-01T00:01:00.000Z  1970-01-01T00:02:00.000Z  yes    {"key":"s-1","start":60000,"end":120000,"count":3,"avg":2.5}
            s-1    2          321     1970-01-01T00:02:00.000Z  1970-01-01T00:03:00.000Z  no     {"count":1}
            idle   1          100     (no window in the range)
            ghost  -          -       (not found)

            """,
            _cli.Output);
        Assert.Empty(_cli.Error);
    }

    [Fact]
    public async Task Watch_Lines_OnePerResultUntilCount_AfterSayingItSubscribed()
    {
        _cli.Cluster.Pipelines.Add(FakeTransport.Published);
        var running = _cli.RunAsync("watch", "--pipeline", "published", "--count", "2");
        await WaitForSubscriptions(4);

        await _cli.Cluster.PublishAsync("published", 1, new PublishedResult("s-1", 60_000, 120_000, true, "{\"count\":3}"u8.ToArray(), 0, 12, 340), new PublishedResult("s-2", 60_000, 120_000, false, null, 0, 12, 341));

        Assert.Equal(ExitCodes.Ok, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(
            """
            s-1  1970-01-01T00:01:00.000Z  1970-01-01T00:02:00.000Z  final  partition 1 epoch 12 offset 340  {"count":3}
            s-2  1970-01-01T00:01:00.000Z  1970-01-01T00:02:00.000Z  update  partition 1 epoch 12 offset 341  (retracted)

            """,
            _cli.Output);
        Assert.Equal(["watching published: 4 partitions subscribed"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Watch_Json_OneObjectPerLine()
    {
        _cli.Cluster.Pipelines.Add(FakeTransport.Published);
        var running = _cli.RunAsync("watch", "--pipeline", "published", "--key", "s-1", "--count", "1", "--json");
        await WaitForSubscriptions(4);

        await _cli.Cluster.PublishAsync("published", 3, new PublishedResult("s-1", 60_000, 120_000, true, "{\"count\":3}"u8.ToArray(), 0, 7, 99));

        Assert.Equal(ExitCodes.Ok, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("""{"pipeline":"published","key":"s-1","start":60000,"end":120000,"final":true,"partition":3,"epoch":7,"offset":99,"result":{"count":3}}""" + "\n", _cli.Output);
        Assert.Equal(["watching published key s-1: 4 partitions subscribed"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Watch_PipelineThatDoesNotPublish_ExitFiveNamingTheSetting()
    {
        Assert.Equal(ExitCodes.NoSuchPipeline, await _cli.RunAsync("watch", "--pipeline", "sensors"));

        Assert.Equal(["pipeline 'sensors' does not publish its results: set Pipelines:sensors:PublishResults=true (or call PublishResults() when building it)"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Query_EveryKeyFound_ExitZero()
    {
        Assert.Equal(ExitCodes.Ok, await _cli.RunAsync("query", "--pipeline", "sensors", "--key", "s-1"));
    }

    [Fact]
    public async Task Query_Json_WindowsWithTheirPositionAndThePositionsOfTheAnswer()
    {
        await _cli.RunAsync("query", "--pipeline", "sensors", "--key", "s-1", "--key", "ghost", "--consistency", "latest", "--json");

        using var document = JsonDocument.Parse(_cli.Output);
        var root = document.RootElement;
        Assert.Equal("sensors", root.GetProperty("pipeline").GetString());
        Assert.Equal("latest", root.GetProperty("consistency").GetString());
        var found = root.GetProperty("keys")[0];
        Assert.Equal("s-1", found.GetProperty("key").GetString());
        Assert.True(found.GetProperty("found").GetBoolean());
        Assert.Equal(2, found.GetProperty("position").GetProperty("partition").GetInt32());
        Assert.Equal(321, found.GetProperty("position").GetProperty("offset").GetInt64());
        var window = found.GetProperty("windows")[0];
        Assert.Equal(60_000, window.GetProperty("start").GetInt64());
        Assert.Equal(120_000, window.GetProperty("end").GetInt64());
        Assert.True(window.GetProperty("final").GetBoolean());
        Assert.Equal(2.5, window.GetProperty("result").GetProperty("avg").GetDouble());
        var ghost = root.GetProperty("keys")[1];
        Assert.False(ghost.GetProperty("found").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ghost.GetProperty("position").ValueKind);
        Assert.Equal(0, ghost.GetProperty("windows").GetArrayLength());
        Assert.Equal([0, 1, 2, 3], root.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32()));
    }

    [Fact]
    public async Task Query_Range_SentToThePartitions()
    {
        await _cli.RunAsync("query", "--pipeline", "sensors", "--key", "s-1", "--from", "1970-01-01T00:02:00Z", "--to", "180000");

        Assert.All(_cli.Cluster.Calls, c => Assert.Equal((120_000L, 180_000L), (c.Query.From, c.Query.To)));
    }

    [Fact]
    public async Task Status_OnePipeline_SummaryAndOneRowPerPartitionMissingOnesMarked()
    {
        _cli.Cluster.Unreported.Add(3);
        _cli.Cluster.ReportedAt = _cli.Clock.GetUtcNow() - TimeSpan.FromSeconds(2);

        var exitCode = await _cli.RunAsync("status", "--pipeline", "sensors");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(
            """
            pipeline sensors: 4 partitions, 1 without a report (3)
            PARTITION  SILO                GENERATION  EPOCH  OFFSET  HIGH WATERMARK  LAG  LAG S  STREAM TIME               LAST COMMIT  REPORTED
            0          S127.0.0.1:11111:1  1           5      100     120             20   0.5    1970-01-01T00:00:01.000Z  -            2.0s ago
            1          S127.0.0.1:11111:1  1           5      100     120             20   0.5    1970-01-01T00:00:01.000Z  -            2.0s ago
            2          S127.0.0.1:11111:1  1           5      321     120             20   0.5    1970-01-01T00:00:01.000Z  -            2.0s ago
            3          (no report)

            """,
            _cli.Output);
    }

    [Fact]
    public async Task Status_NoReportsYet_SaysSo()
    {
        _cli.Cluster.StatusIntercept = () => Task.FromResult<PartitionStatus[]>([]);

        await _cli.RunAsync("status", "--pipeline", "sensors");

        Assert.Equal("pipeline sensors: no partition has reported yet\n", _cli.Output);
    }

    [Fact]
    public async Task Status_EveryPipeline_EachPipelineThenTheSilos()
    {
        await _cli.RunAsync("status");

        var lines = _cli.Output.Split('\n');
        Assert.Equal("pipeline passthrough: 4 partitions, all reporting", lines[0]);
        Assert.Contains("pipeline sensors: 4 partitions, all reporting", lines);
        Assert.Contains("silos: 1 active", lines);
        Assert.Equal("SILO                NAME    HOST  STATUS  GATEWAY  STARTED", lines[^3]);
        Assert.Equal("S127.0.0.1:11111:1  silo-1  host  Active  30000    1970-01-01T00:00:00.000Z", lines[^2]);
    }

    [Fact]
    public async Task Status_Json_PipelinesAndSilos()
    {
        _cli.Cluster.Unreported.Add(0);

        await _cli.RunAsync("status", "--json");

        using var document = JsonDocument.Parse(_cli.Output);
        var pipelines = document.RootElement.GetProperty("pipelines");
        Assert.Equal(2, pipelines.GetArrayLength());
        var sensors = pipelines[1];
        Assert.Equal("sensors", sensors.GetProperty("pipeline").GetString());
        Assert.Equal(4, sensors.GetProperty("partitionCount").GetInt32());
        Assert.Equal([0], sensors.GetProperty("missingPartitions").EnumerateArray().Select(p => p.GetInt32()));
        var partition = sensors.GetProperty("partitions")[0];
        Assert.Equal(1, partition.GetProperty("partition").GetInt32());
        Assert.Equal(20, partition.GetProperty("lagRecords").GetInt64());
        Assert.Equal(JsonValueKind.Null, partition.GetProperty("lastCommit").ValueKind);
        Assert.Equal("silo-1", document.RootElement.GetProperty("silos")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Status_OnePipelineJson_TheStatusObject()
    {
        await _cli.RunAsync("status", "--pipeline", "sensors", "--json");

        using var document = JsonDocument.Parse(_cli.Output);
        Assert.Equal("sensors", document.RootElement.GetProperty("pipeline").GetString());
        Assert.Equal(4, document.RootElement.GetProperty("partitions").GetArrayLength());
    }

    [Fact]
    public async Task Pipelines_Table_OneRowPerPipeline()
    {
        Assert.Equal(ExitCodes.Ok, await _cli.RunAsync("pipelines"));

        Assert.Equal(
            """
            NAME         INPUT            OUTPUT             WINDOWED  WINDOW                                               EMIT
            passthrough  in               out                no        -                                                    -
            sensors      sensor-readings  sensor-aggregates  yes       tumbling 00:01:00 grace 00:00:10 retention 00:02:10  Final

            """,
            _cli.Output);
    }

    [Fact]
    public async Task Pipelines_Json_OneDocument()
    {
        _cli.Cluster.Pipelines.Add(FakeTransport.Published);

        await _cli.RunAsync("pipelines", "--json");

        using var document = JsonDocument.Parse(_cli.Output);
        var sensors = document.RootElement.GetProperty("pipelines")[2];
        Assert.Equal("sensors", sensors.GetProperty("name").GetString());
        Assert.True(sensors.GetProperty("windowed").GetBoolean());
        Assert.Equal("Final", sensors.GetProperty("emit").GetString());
        Assert.False(sensors.GetProperty("publishesResults").GetBoolean());
        Assert.True(document.RootElement.GetProperty("pipelines")[1].GetProperty("publishesResults").GetBoolean());
    }

    [Fact]
    public async Task Pipelines_NoneDefined_SaysSo()
    {
        _cli.Cluster.Pipelines.Clear();

        await _cli.RunAsync("pipelines");

        Assert.Equal("the cluster defines no pipeline\n", _cli.Output);
    }

    private async Task WaitForSubscriptions(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            lock (_cli.Cluster.ResultSubscriptions)
            {
                if (_cli.Cluster.ResultSubscriptions.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(10, timeout.Token);
        }
    }
}
