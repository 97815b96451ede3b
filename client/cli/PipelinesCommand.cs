namespace OrleansStreams.Client.Cli;

/// <summary><c>pipelines</c>: the pipelines the cluster defines.</summary>
internal static class PipelinesCommand
{
    public static async Task<int> RunAsync(CommandLine args, IClusterConnector connector, TextWriter output, CancellationToken cancellationToken)
    {
        var json = args.Flag("json");
        var cluster = ClusterArguments.Read(args);
        args.RejectUnknown();

        await using var session = await connector.ConnectAsync(cluster, cancellationToken);
        var pipelines = await session.Client.GetPipelinesAsync(cancellationToken);
        if (json)
        {
            PipelinesOutput.WriteJson(pipelines, output);
        }
        else
        {
            PipelinesOutput.WriteTable(pipelines, output);
        }

        return ExitCodes.Ok;
    }
}
