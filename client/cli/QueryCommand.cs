namespace OrleansStreams.Client.Cli;

/// <summary>
/// <c>query</c>: the windows of keys of a windowed pipeline, one row per window (or <c>--json</c>).
/// Exits 1 when a key has no state, 4 when a partition could not answer within <c>--wait</c>.
/// </summary>
internal static class QueryCommand
{
    public static async Task<int> RunAsync(CommandLine args, IClusterConnector connector, TextWriter output, CancellationToken cancellationToken)
    {
        var request = QueryRequest.Read(args);
        var cluster = ClusterArguments.Read(args);
        args.RejectUnknown();

        await using var session = await connector.ConnectAsync(cluster, cancellationToken);
        var result = await session.Client.QueryAsync(request.Pipeline, request.Keys, request.Options, cancellationToken);
        if (request.Json)
        {
            QueryOutput.WriteJson(request.Pipeline, request.Options.Consistency, result, output);
        }
        else
        {
            QueryOutput.WriteTable(result, output);
        }

        return result.Keys.All(k => k.Found) ? ExitCodes.Ok : ExitCodes.Negative;
    }
}
