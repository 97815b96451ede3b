using OrleansStreams.Client.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

return await new CliRunner(Console.Out, Console.Error, new OrleansClusterConnector(), TimeProvider.System).RunAsync(args, cts.Token);
