using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker;
using OrleansStreams.DevBroker.Hosting;

// The dev broker's command line: start, print the ready line, run until SIGTERM or Ctrl-C, stop cleanly.
var commandLine = new CommandLine();
if (commandLine.Parse(args) is { } error)
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(commandLine.LogLevel)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss.fff ";
    }));

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

DevBroker broker;
try
{
    broker = await DevBroker.StartAsync(commandLine.Options, loggerFactory);
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"devbroker: cannot start on {commandLine.Options.ListenHost}:{commandLine.Options.Port} with data in {commandLine.Options.DataDirectory}: {e.Message}");
    return 1;
}

Console.WriteLine($"devbroker listening on {broker.BootstrapServers}");
await stop.Task;
await broker.DisposeAsync();
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}
