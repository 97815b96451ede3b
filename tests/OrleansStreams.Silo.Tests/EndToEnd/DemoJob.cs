using OrleansStreams.Generation;
using OrleansStreams.Client.Verification;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>How a <see cref="DemoJob"/> runs its silos.</summary>
internal sealed record DemoJobOptions
{
    public string Storage { get; init; } = "PostgreSql";

    public string Guarantee { get; init; } = "ExactlyOnce";

    public string CommitInterval { get; init; } = "500ms";

    /// <summary><c>Processing:CheckpointInterval</c>, or null for the default.</summary>
    public string? CheckpointInterval { get; init; }

    public int Partitions { get; init; } = 4;

    /// <summary>AdoNet clustering in PostgreSQL, so any silo may die; Localhost otherwise.</summary>
    public bool AdoNetCluster { get; init; } = true;

    /// <summary>More settings for every silo, as <c>--Key=value</c> arguments.</summary>
    public IReadOnlyList<string> SiloArguments { get; init; } = [];
}

/// <summary>
/// The demo pipeline run as it runs in production: silo processes (the real silo executable) against
/// a Kafka-protocol broker, input from the load generator, output checked by the independent
/// window oracle over the committed input.
/// </summary>
internal sealed class DemoJob : IAsyncDisposable
{
    public const string Input = "sensor-readings";
    public const string Output = "sensor-aggregates";
    public const string GroupId = "orleans-streams.sensors";
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");
    private readonly SqliteTestFile? _sqlite;

    private DemoJob(TestBroker broker, SiloCluster silos, DemoJobOptions options, SqliteTestFile? sqlite, string? database)
    {
        Database = database;
        Broker = broker;
        Silos = silos;
        Options = options;
        _sqlite = sqlite;
    }

    public TestBroker Broker { get; }

    /// <summary>The scratch PostgreSQL database (storage and AdoNet membership), or null when neither uses it.</summary>
    public string? Database { get; }

    /// <summary>The <c>Cluster:*</c> settings a client process needs to reach these silos.</summary>
    public Dictionary<string, string?> ClientClusterSettings(params int[] gateways) => Options.AdoNetCluster
        ? new() { ["Cluster:Provider"] = "AdoNet", ["Cluster:ConnectionString"] = Database }
        : new() { ["Cluster:Gateways"] = string.Join(',', gateways.Select(g => $"127.0.0.1:{Silos.PortsOf(g).GatewayPort}")) };

    public SiloCluster Silos { get; }

    public DemoJobOptions Options { get; }

    public static async Task<DemoJob> CreateAsync(DemoJobOptions options)
    {
        var broker = await TestBroker.StartAsync();
        await broker.CreateTopicAsync(Input, options.Partitions);
        SqliteTestFile? sqlite = null;
        List<string> args =
        [
            $"--Kafka:BootstrapServers={broker.BootstrapServers}",
            $"--Processing:Guarantee={options.Guarantee}",
            $"--Processing:CommitInterval={options.CommitInterval}",
            "--Cluster:ProbeTimeout=1s",
            "--Cluster:MissedProbesLimit=2",
            $"--Storage:Provider={options.Storage}",
        ];
        args.AddRange(options.SiloArguments);
        if (options.CheckpointInterval is not null)
        {
            args.Add($"--Processing:CheckpointInterval={options.CheckpointInterval}");
        }

        string? database = null;
        if (options.Storage == "PostgreSql" || options.AdoNetCluster)
        {
            // Small pools: three silos, each restarted many times, share the server's connection slots with other tests.
            database = new Npgsql.NpgsqlConnectionStringBuilder(await PostgresTestDatabase.CreateScratchDatabaseAsync("e2e")) { MaxPoolSize = 8, Timeout = 15 }.ConnectionString;
        }

        switch (options.Storage)
        {
            case "PostgreSql":
                args.Add($"--Storage:ConnectionString={database}");
                args.Add("--Storage:MaxPoolSize=20");
                break;
            case "Sqlite":
                sqlite = SqliteTestFile.Create("orleansstreams-e2e");
                args.Add($"--Storage:ConnectionString={sqlite.ConnectionString}");
                break;
        }

        if (options.AdoNetCluster)
        {
            args.Add("--Cluster:Provider=AdoNet");
            args.Add($"--Cluster:ConnectionString={database}");
        }

        return new DemoJob(broker, new SiloCluster(SiloAssembly, args), options, sqlite, database);
    }

    /// <summary>Starts silos <c>0..count-1</c>.</summary>
    public async Task StartSilosAsync(int count)
    {
        await Silos.StartAsync(0);
        for (var i = 1; i < count; i++)
        {
            await StartSiloAsync(i);
        }
    }

    /// <summary>Starts (or restarts) one silo, pointed at silo 0 when clustering is Localhost.</summary>
    public Task StartSiloAsync(int index) =>
        Options.AdoNetCluster || index == 0
            ? Silos.StartAsync(index)
            : Silos.StartAsync(index, $"--Cluster:PrimarySiloEndpoint=127.0.0.1:{Silos.PortsOf(0).SiloPort}");

    /// <summary>
    /// Produces <paramref name="total"/> sensor readings at <paramref name="rate"/> per second over
    /// <paramref name="keys"/> sensors (Zipf <paramref name="skew"/>; 0 = uniform); event time runs 60× the clock.
    /// </summary>
    public Task<long> ProduceAsync(long total, double rate, int keys = 500, double skew = 1.0, CancellationToken cancellationToken = default) =>
        new SensorReadingGenerator(
                Broker.BootstrapServers,
                new GeneratorOptions { Total = total, Rate = rate, EventTimeSpeed = 60, Keys = keys, Skew = skew },
                TimeProvider.System,
                _ => { })
            .RunAsync(cancellationToken);

    /// <summary>
    /// Waits until the committed output holds every window the input closed, then compares: with
    /// <paramref name="exactlyOnce"/>, any duplicate or wrong value ends the wait at once.
    /// </summary>
    public Task<VerificationResult> VerifyAsync(TimeSpan timeout, bool exactlyOnce = true) =>
        OutputVerifier.VerifyAsync(Broker.BootstrapServers, Input, Output, WindowRule.Demo, timeout, duplicatesAllowed: !exactlyOnce);

    /// <summary>The committed output records.</summary>
    public List<TopicRecord> ReadOutput() => TopicReader.ReadAll(Broker.BootstrapServers, Output, readCommitted: true);

    /// <summary>A failure message with the examples and every silo's output.</summary>
    public string Explain(VerificationResult result) =>
        $"{result}\n{string.Join("\n", result.Examples)}\n{Silos.Output}";

    public async ValueTask DisposeAsync()
    {
        await Silos.DisposeAsync();
        await Broker.DisposeAsync();
        _sqlite?.Dispose();
    }
}
