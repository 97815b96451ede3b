namespace OrleansStreams.Client.Cli;

/// <summary><c>status</c>: what the partitions of one pipeline, or of every pipeline and the silos, last reported.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(CommandLine args, IClusterConnector connector, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var pipeline = PipelineArgument.Read(args);
        var json = args.Flag("json");
        var cluster = ClusterArguments.Read(args);
        args.RejectUnknown();

        await using var session = await connector.ConnectAsync(cluster, cancellationToken);
        var client = session.Client;
        if (pipeline is not null)
        {
            var status = await client.GetStatusAsync(pipeline, cancellationToken);
            if (json)
            {
                StatusOutput.WriteJson(status, output);
            }
            else
            {
                StatusOutput.WriteTable(status, time.GetUtcNow(), output);
            }

            return ExitCodes.Ok;
        }

        var statuses = new List<PipelineStatus>();
        foreach (var info in await client.GetPipelinesAsync(cancellationToken))
        {
            statuses.Add(await client.GetStatusAsync(info.Name, cancellationToken));
        }

        var silos = await client.GetSilosAsync(cancellationToken);
        if (json)
        {
            StatusOutput.WriteJson(statuses, silos, output);
            return ExitCodes.Ok;
        }

        var now = time.GetUtcNow();
        foreach (var status in statuses)
        {
            StatusOutput.WriteTable(status, now, output);
            output.WriteLine();
        }

        StatusOutput.WriteTable(silos, output);
        return ExitCodes.Ok;
    }
}
