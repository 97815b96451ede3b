using System.Reflection;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Peer;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

// The peer benchmark re-invokes this executable with a hidden verb for each system under test.
if (args is [PeerWorker.Verb, .. var workerArgs])
{
    return await PeerWorker.RunAsync(workerArgs, cts.Token);
}

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "--list" or "-h" or "--help")
{
    Console.WriteLine("usage: dotnet run --project bench -c Release -- <benchmark> [options]");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-24} {b.Description}");
    }

    return args.Length == 0 ? 1 : 0;
}

var benchmark = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (benchmark is null)
{
    await Console.Error.WriteLineAsync($"unknown benchmark '{args[0]}'; --list shows them");
    return 1;
}

return await benchmark.RunAsync(args[1..], cts.Token);
