using OrleansStreams.Client.Cli;
using OrleansStreams.Configuration;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Cli;

public sealed class CliErrorTests
{
    private readonly CliHarness _cli = new();

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["query"], "query needs --pipeline" },
        { ["query", "--pipeline", "sensors"], "query needs at least one --key" },
        { ["query", "--pipeline", "sensors", "--key", ""], "--key: a key cannot be empty" },
        { ["query", "--pipeline", "sensors", "--key"], "option --key needs a value" },
        { ["query", "--pipeline", "a", "--pipeline", "b", "--key", "k"], "option --pipeline given more than once" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--consistency", "eventual"], "--consistency 'eventual': expected committed or latest" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--from", "yesterday"], "--from 'yesterday': expected epoch milliseconds or an ISO-8601 time such as 2025-01-31T12:00:00Z" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--to", "12:00"], "--to '12:00': expected epoch milliseconds or an ISO-8601 time such as 2025-01-31T12:00:00Z" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--from", "2000", "--to", "1000"], "--from must be before --to" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--wait", "forever"], "--wait 'forever': expected a duration such as 250ms, 10s, 5m" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--wait", "2h"], "--wait '2h': expected at most 1h" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--json", "maybe"], "--json 'maybe': a switch takes no value (or true or false)" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--gateway", "nope"], "--gateway 'nope': expected host:port with a port from 1 to 65535" },
        { ["query", "--pipeline", "sensors", "--key", "k", "--gateway", "h:70000"], "--gateway 'h:70000': expected host:port with a port from 1 to 65535" },
        { ["status", "--gateway", "h:1", "--membership", "Host=db"], "--gateway and --membership exclude each other: --gateway names silos (Localhost clustering), --membership their PostgreSQL membership table (AdoNet)" },
        { ["status", "--pipelin", "sensors"], "unknown option --pipelin" },
        { ["pipelines", "--verbose"], "unknown option --verbose" },
        { ["pipelines", "stray"], "unexpected argument 'stray'" },
        { ["frob"], "unknown command 'frob'; try --help" },
        { ["watch"], "watch needs --pipeline" },
        { ["produce", "--client", "security.protocol"], "--client 'security.protocol': expected property=value, e.g. security.protocol=SASL_SSL" },
        { ["verify", "--client", "=SASL_SSL"], "--client '=SASL_SSL': expected property=value, e.g. security.protocol=SASL_SSL" },
        { ["watch", "--pipeline", "sensors", "--key", ""], "--key: a key cannot be empty" },
        { ["watch", "--pipeline", "sensors", "--count", "-1"], "--count '-1': expected an integer from 0 to 9223372036854775807" },
        { ["watch", "--pipeline", "sensors", "--keys", "k"], "unknown option --keys" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task Run_BadCommandLine_OneLineExitTwoNoConnection(string[] args, string message)
    {
        var exitCode = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.UsageOrCluster, exitCode);
        Assert.Equal([message], _cli.ErrorLines);
        Assert.Equal(0, _cli.Connector.Connections);
    }

    [Fact]
    public async Task Run_NoArguments_UsageAndExitTwo()
    {
        Assert.Equal(2, await _cli.RunAsync());
        Assert.Contains("usage: orleans-streams", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_UsageListsTheNewCommandsAndTheExitCodes()
    {
        Assert.Equal(0, await _cli.RunAsync("--help"));
        Assert.Contains("query ", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("status ", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("pipelines ", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("watch ", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("--gateway host:port", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("4    query: a partition could not answer", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ClusterUnreachable_OneLineExitTwo()
    {
        _cli.Connector.Failure = new ClusterUnreachableException("cannot reach the cluster at 127.0.0.1:1: Connection refused");

        Assert.Equal(2, await _cli.RunAsync("pipelines"));
        Assert.Equal(["cannot reach the cluster at 127.0.0.1:1: Connection refused"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Run_BadClusterSetting_OneLineExitTwo()
    {
        _cli.Connector.Failure = new InvalidSettingException("Cluster:Provider", "X", "one of Localhost, AdoNet");

        Assert.Equal(2, await _cli.RunAsync("pipelines"));
        Assert.Equal(["Invalid setting Cluster:Provider = 'X': allowed is one of Localhost, AdoNet."], _cli.ErrorLines);
    }

    [Fact]
    public async Task Run_ClusterCallFails_OneLineExitTwo()
    {
        _cli.Connector.Client = new FailingClient(new SiloUnavailableException("gateway\nclosed"));

        Assert.Equal(2, await _cli.RunAsync("pipelines"));
        Assert.Equal(["cluster call failed: SiloUnavailableException: gateway closed"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Query_PartitionNotRunning_NotYetOneLineExitFour()
    {
        _cli.Cluster.Intercept = (p, _) => p == 1 ? Queries.FakeTransport.Unanswered(PartitionQueryStatus.NotRunning) : null;

        var exitCode = await _cli.RunAsync("query", "--pipeline", "sensors", "--key", "s-1", "--wait", "0s");

        Assert.Equal(ExitCodes.NotYet, exitCode);
        Assert.Equal(["not yet: pipeline 'sensors' could not answer within 0ms: partition 1 not running"], _cli.ErrorLines);
        Assert.Equal("", _cli.Output);
    }

    [Fact]
    public async Task Query_UnknownPipeline_OneLineExitFive()
    {
        Assert.Equal(ExitCodes.NoSuchPipeline, await _cli.RunAsync("query", "--pipeline", "nope", "--key", "k"));
        Assert.Equal(["the cluster has no pipeline 'nope'; it has passthrough, sensors"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Query_PipelineNotWindowed_OneLineExitFive()
    {
        Assert.Equal(ExitCodes.NoSuchPipeline, await _cli.RunAsync("query", "--pipeline", "passthrough", "--key", "k"));
        Assert.Equal(["pipeline 'passthrough' is not windowed: it keeps no window state to query"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Query_InvalidPipelineName_OneLineExitTwo()
    {
        Assert.Equal(ExitCodes.UsageOrCluster, await _cli.RunAsync("query", "--pipeline", "a b", "--key", "k"));
        Assert.Equal(["--pipeline 'a b': expected 1-249 letters, digits, '.', '_' or '-'"], _cli.ErrorLines);
    }

    [Fact]
    public async Task Status_UnknownPipeline_OneLineExitFive()
    {
        Assert.Equal(ExitCodes.NoSuchPipeline, await _cli.RunAsync("status", "--pipeline", "nope"));
        Assert.Single(_cli.ErrorLines);
    }

    [Fact]
    public async Task Query_ClusterOptions_PassedToTheConnector()
    {
        await _cli.RunAsync("query", "--pipeline", "sensors", "--key", "k", "--gateway", "10.0.0.5:30000", "--cluster-id", "prod");

        Assert.Equal("10.0.0.5:30000", _cli.Connector.Settings!["OrleansStreams:Cluster:Gateways"]);
        Assert.Equal("prod", _cli.Connector.Settings["OrleansStreams:Cluster:ClusterId"]);
    }

    private sealed class FailingClient(Exception failure) : IOrleansStreamsClient
    {
        public Task<IReadOnlyList<PipelineInfo>> GetPipelinesAsync(CancellationToken cancellationToken = default) => Task.FromException<IReadOnlyList<PipelineInfo>>(failure);

        public Task<KeyWindows> QueryAsync(string pipeline, string key, WindowQueryOptions? options = null, CancellationToken cancellationToken = default) => Task.FromException<KeyWindows>(failure);

        public Task<WindowQueryResult> QueryAsync(string pipeline, IReadOnlyCollection<string> keys, WindowQueryOptions? options = null, CancellationToken cancellationToken = default) => Task.FromException<WindowQueryResult>(failure);

        public Task<IResultWatch> WatchAsync(string pipeline, string? key = null, CancellationToken cancellationToken = default) => Task.FromException<IResultWatch>(failure);

        public Task<PipelineStatus> GetStatusAsync(string pipeline, CancellationToken cancellationToken = default) => Task.FromException<PipelineStatus>(failure);

        public Task<IReadOnlyList<ClusterSilo>> GetSilosAsync(CancellationToken cancellationToken = default) => Task.FromException<IReadOnlyList<ClusterSilo>>(failure);
    }
}
