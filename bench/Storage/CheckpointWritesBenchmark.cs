using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.State;
using OrleansStreams.Storage;
using OrleansStreams.Storage.KeyState;

namespace OrleansStreams.Bench.Storage;

/// <summary>
/// Key state checkpoint writes: rows/s of <see cref="IKeyStateStore.WriteCheckpointAsync"/> (one
/// partition, checkpoints of N rows rewriting the same keys) and of <see cref="IKeyStateStore.LoadAsync"/>,
/// on SQLite and PostgreSQL, against a baseline measured in the same run on the same database:
/// per-grain writes of the same payload through Orleans' ADO.NET grain storage
/// (<see cref="GrainStorageWriters"/>, the silo's real provider), <c>grains</c> writing concurrently.
/// </summary>
internal sealed class CheckpointWritesBenchmark : IBenchmark
{
    private static readonly (string, string)[] Defaults =
    [
        ("rows", "10000,100000"), ("checkpoints", "4"), ("small-rows", "100"), ("small-checkpoints", "20"), ("min-bytes", "100"), ("max-bytes", "300"),
        ("backends", "sqlite,postgresql"), ("grains", "64"), ("seconds", "10"), ("warmup", "3"), ("postgres", ""),
    ];

    public string Name => "checkpoint-writes";

    public string Description => "key state checkpoint rows/s and load rows/s (SQLite, PostgreSQL) vs per-grain ADO.NET grain storage writes";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (BenchOptions.Parse(args, Defaults) is not { } options)
        {
            return 2;
        }

        await Console.Error.WriteLineAsync($"options: {options.Line}");
        var lines = new List<string>();
        foreach (var backend in options.List("backends"))
        {
            switch (backend)
            {
                case "sqlite":
                    var directory = Path.Combine(Path.GetTempPath(), $"orleansstreams-bench-{Guid.NewGuid():N}");
                    try
                    {
                        lines.AddRange(await MeasureAsync(backend, Read(StorageProvider.Sqlite, $"Data Source={Path.Combine(directory, "state.db")}"), options, cancellationToken));
                    }
                    finally
                    {
                        SqliteConnection.ClearAllPools();
                        Directory.Delete(directory, recursive: true);
                    }

                    break;
                case "postgresql":
                    await using (var database = await PostgresScratch.CreateAsync(PostgresScratch.Server(options.String("postgres"))))
                    {
                        lines.AddRange(await MeasureAsync(backend, Read(StorageProvider.PostgreSql, database.ConnectionString), options, cancellationToken));
                    }

                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown backend '{backend}': sqlite or postgresql");
                    return 2;
            }
        }

        Console.WriteLine($"options: {options.Line}");
        Console.WriteLine();
        Console.WriteLine("| backend | rows per checkpoint | first checkpoint rows/s | rewrite rows/s | load rows/s | grain writes/s (baseline) | p50 / p99 ms | first ÷ baseline | rewrite ÷ baseline | small checkpoint ms | bytes per row / per grain write |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    private static async Task<List<string>> MeasureAsync(string backend, StorageSettings settings, BenchOptions options, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"{backend}: {settings.RedactedConnectionString}");
        var dialect = settings.Provider == StorageProvider.Sqlite ? SqlDialect.Sqlite : SqlDialect.PostgreSql;
        var installer = new StorageSchemaInstaller([], TimeProvider.System, NullLogger<StorageSchemaInstaller>.Instance);
        await installer.ApplyAsync(new SchemaTarget(dialect, SchemaPart.KeyState, settings.ConnectionString!), cancellationToken);

        var (minBytes, maxBytes) = (options.Int("min-bytes"), options.Int("max-bytes"));
        var results = new List<CheckpointResult>();
        IKeyStateStore store = dialect == SqlDialect.Sqlite
            ? new SqliteKeyStateStore(settings.ConnectionString!, TimeProvider.System, NullLogger<SqliteKeyStateStore>.Instance)
            : new PostgreSqlKeyStateStore(settings.ConnectionString!, settings.MaxPoolSize, TimeProvider.System, NullLogger<PostgreSqlKeyStateStore>.Instance);
        try
        {
            await Console.Error.WriteLineAsync("  warm-up (not counted):");
            await CheckpointRun.RunAsync(store, 2_000, 2, minBytes, maxBytes, 10, 2, cancellationToken);
            foreach (var rows in options.List("rows").Select(r => int.Parse(r, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)))
            {
                results.Add(await CheckpointRun.RunAsync(
                    store, rows, options.Int("checkpoints"), minBytes, maxBytes, options.Int("small-rows"), options.Int("small-checkpoints"), cancellationToken));
            }
        }
        finally
        {
            ((IDisposable)store).Dispose();
        }

        // The baseline: each grain writes a state serializing to about the mean row size, over and over.
        var state = new string('s', (minBytes + maxBytes) / 2);
        var grains = options.Int("grains");
        await Console.Error.WriteLineAsync($"{backend} baseline: {grains} grains, warm-up {options.Duration("warmup").TotalSeconds:0} s, measured {options.Duration("seconds").TotalSeconds:0} s");
        WriteResult baseline;
        await using (var silo = await GrainStorageWriters.StartAsync(settings, null, cancellationToken))
        {
            baseline = await WriteLoop.RunAsync(grains, options.Duration("warmup"), options.Duration("seconds"), i => silo.CreateWriter(i, state), cancellationToken);
        }

        var grainBytes = await StoredPayloadBytesAsync(settings);
        await Console.Error.WriteLineAsync($"  {baseline.PerSecond:N0} grain writes/s, {baseline.Errors} errors, {grainBytes} B stored per grain");
        return [.. results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {backend} | {r.Rows:N0} | {r.FirstPerSecond:N0} | {r.RewritePerSecond:N0} | {r.LoadPerSecond:N0} | {baseline.PerSecond:N0} | {baseline.P50Milliseconds:0.0} / {baseline.P99Milliseconds:0.0} | {r.FirstPerSecond / baseline.PerSecond:0.0} | {r.RewritePerSecond / baseline.PerSecond:0.0} | {r.SmallMilliseconds:0.0} | {r.AverageRowBytes:0} B / {grainBytes} B |"))];
    }

    /// <summary>The size of the state Orleans stored (serialized), to compare with the rows' size.</summary>
    private static async Task<int> StoredPayloadBytesAsync(StorageSettings settings)
    {
        await using System.Data.Common.DbConnection connection = settings.Provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(settings.ConnectionString)
            : new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(length(PayloadBinary)) FROM OrleansStreamsGrainState";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static StorageSettings Read(StorageProvider provider, string connectionString) =>
        StorageSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansStreams:Storage:Provider"] = provider.ToString(),
            ["OrleansStreams:Storage:ConnectionString"] = connectionString,
        }).Build());
}
