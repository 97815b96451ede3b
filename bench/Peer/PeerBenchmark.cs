using OrleansStreams.Bench.Harness;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// Issue 11, part 1: Streamiz.Kafka.Net and OrleansStreams on the same input against the same dev broker
/// process, each in its own worker process, interleaved over rounds, with a raw Confluent.Kafka
/// consume→produce pipe (transactions every second) as the ceiling. The same computation in both: a
/// 1-minute tumbling count per key, 10 s grace, exactly-once, 1 s commits; <c>Final</c> and <c>OnUpdate</c>.
/// </summary>
internal sealed class PeerBenchmark : IBenchmark
{
    private const string SiloOption = "--silo";

    private static readonly (string, string)[] Defaults =
    [
        ("records", "1000000"), ("keys", "10000"), ("skew", "0"), ("partitions", "4"), ("event-span", "10m"),
        ("modes", "Final,OnUpdate"), ("systems", "raw,streamiz,orleans"), ("storages", "Sqlite,PostgreSql,Memory"),
        ("rounds", "2"), ("limit", "10m"), ("postgres", ""), ("query-callers", "0"), ("live-results", "false"),
    ];

    public string Name => "peer";

    public string Description => "Streamiz.Kafka.Net vs OrleansStreams (windowed count, exactly-once) vs a raw transactional pipe, one process each";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // --silo Section:Key=value may repeat; everything else is a plain option.
        var silo = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == SiloOption && i + 1 < args.Length)
            {
                silo.Add(args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (BenchOptions.Parse([.. rest], Defaults) is not { } options)
        {
            return 2;
        }

        var line = string.Join(' ', [options.Line, .. silo.Select(s => $"{SiloOption} {s}")]);
        await Console.Error.WriteLineAsync($"options: {line}");
        var configs = PeerConfig.All(options.List("systems"), options.List("modes"), options.List("storages"), options.Int("query-callers"), options.String("live-results") == "true");
        if (configs.Any(c => c.System == PeerConfig.Streamiz))
        {
            if (RocksDbCheck.Run() is { } failed)
            {
                await Console.Error.WriteLineAsync($"RocksDB (Streamiz's window store) does not work here: {failed}");
                return 1;
            }

            await Console.Error.WriteLineAsync("RocksDB: native library loaded, a test database opened, written and read");
        }

        await using var broker = await BrokerProcess.StartAsync(cancellationToken);
        var input = await PeerInput.CreateAsync(broker.BootstrapServers, options);
        var context = new PeerContext(broker, input, options.Duration("limit"), PostgresScratch.Server(options.String("postgres")), [.. silo.Select(s => $"--{s}")], options.Int("keys"));
        var rows = new List<PeerRow>();
        var rounds = options.Int("rounds");
        for (var round = 0; round < rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            var order = PeerConfig.Rotated(configs, round, rounds);
            await Console.Error.WriteLineAsync($"round {round + 1}: {string.Join(", ", order.Select(c => c.Label))}");
            foreach (var config in order)
            {
                rows.Add(await PeerRun.RunAsync(context, config, round, cancellationToken));
            }
        }

        PeerTable.Print(line, options, input, rows);
        PeerTable.PrintQueries(rows);
        PeerTable.PrintLiveResults(rows);
        return rows.All(r => r.Ok) ? 0 : 1;
    }
}
