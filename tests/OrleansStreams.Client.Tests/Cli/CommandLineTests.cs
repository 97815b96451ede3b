using OrleansStreams.Client.Cli;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void QueryRequest_EveryOption_ReadIntoTheRequest()
    {
        var args = new CommandLine([
            "--pipeline", "sensors", "--key", "s-1", "--key=s-2", "--consistency", "LATEST",
            "--from", "60000", "--to", "2025-01-31T12:00:00Z", "--wait", "250ms", "--json"]);

        var request = QueryRequest.Read(args);
        args.RejectUnknown();

        Assert.Equal("sensors", request.Pipeline);
        Assert.Equal(["s-1", "s-2"], request.Keys);
        Assert.Equal(QueryConsistency.Latest, request.Options.Consistency);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(60_000), request.Options.From);
        Assert.Equal(new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero), request.Options.To);
        Assert.Equal(TimeSpan.FromMilliseconds(250), request.Options.WaitTimeout);
        Assert.True(request.Json);
    }

    [Fact]
    public void QueryRequest_OnlyPipelineAndKey_Defaults()
    {
        var request = QueryRequest.Read(new CommandLine(["--pipeline", "sensors", "--key", "s-1"]));

        Assert.Equal(QueryConsistency.Committed, request.Options.Consistency);
        Assert.Null(request.Options.From);
        Assert.Null(request.Options.To);
        Assert.Equal(TimeSpan.FromSeconds(10), request.Options.WaitTimeout);
        Assert.False(request.Json);
    }

    [Fact]
    public void Time_IsoWithoutOffset_ReadAsUtc()
    {
        var args = new CommandLine(["--from", "2025-01-31T12:00:00"]);

        Assert.Equal(TimeSpan.Zero, args.Time("from")!.Value.Offset);
    }

    [Fact]
    public void Flag_BeforeAnotherOption_IsASwitchAndTheOptionKeepsItsValue()
    {
        var args = new CommandLine(["--json", "--pipeline", "p"]);

        Assert.True(args.Flag("json"));
        Assert.Equal("p", args.OptionalString("pipeline"));
    }

    [Fact]
    public void Flag_FalseGiven_Off()
    {
        Assert.False(new CommandLine(["--json=false"]).Flag("json"));
    }

    [Fact]
    public void Strings_KeyLookingLikeAnOption_PassedWithEquals()
    {
        Assert.Equal(["--odd"], new CommandLine(["--key=--odd"]).Strings("key"));
    }

    [Fact]
    public void ClusterArguments_Gateways_LocalhostProviderWithTheList()
    {
        var settings = ClusterArguments.Read(new CommandLine(["--gateway", "127.0.0.1:30000", "--gateway", "[::1]:30001", "--cluster-id", "c", "--service-id", "s"]));

        Assert.Equal("Localhost", settings["OrleansStreams:Cluster:Provider"]);
        Assert.Equal("127.0.0.1:30000,[::1]:30001", settings["OrleansStreams:Cluster:Gateways"]);
        Assert.Equal("c", settings["OrleansStreams:Cluster:ClusterId"]);
        Assert.Equal("s", settings["OrleansStreams:Cluster:ServiceId"]);
    }

    [Fact]
    public void ClusterArguments_Membership_AdoNetProviderWithTheConnectionString()
    {
        var settings = ClusterArguments.Read(new CommandLine(["--membership", "Host=db;Database=orleans"]));

        Assert.Equal("AdoNet", settings["OrleansStreams:Cluster:Provider"]);
        Assert.Equal("Host=db;Database=orleans", settings["OrleansStreams:Cluster:ConnectionString"]);
    }

    [Fact]
    public void ClusterArguments_None_NothingOverridden()
    {
        Assert.Empty(ClusterArguments.Read(new CommandLine([])));
    }
}
