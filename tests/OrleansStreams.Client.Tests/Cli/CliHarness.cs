using OrleansStreams.Client.Cli;
using OrleansStreams.Client.Tests.Queries;

namespace OrleansStreams.Client.Tests.Cli;

/// <summary>Runs the tool in process against a fake cluster and keeps what it printed.</summary>
internal sealed class CliHarness
{
    public CliHarness()
    {
        Connector = new FakeConnector(Cluster, Clock);
    }

    public FakeTransport Cluster { get; } = new();

    public SteppingClock Clock { get; } = new();

    public FakeConnector Connector { get; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await new CliRunner(output, error, Connector, Clock).RunAsync(args, CancellationToken.None);
        Output = output.ToString();
        Error = error.ToString();
        return exitCode;
    }
}
