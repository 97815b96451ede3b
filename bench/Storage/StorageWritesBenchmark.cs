using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Configuration;
using OrleansStreams.Storage;

namespace OrleansStreams.Bench.Storage;

/// <summary>
/// Grain storage writes per second through the silo's real storage provider, N grains writing
/// concurrently, against raw single-row upserts of the same payload with the same concurrency,
/// measured in the same run.
/// </summary>
internal sealed class StorageWritesBenchmark : IBenchmark
{
    private const string Usage =
        "options: --grains 200 --seconds 10 --warmup 3 --state-chars 280 --backends postgresql,sqlite,sqlite-driver-defaults " +
        "--postgres <connection string> (default: $ORLEANSSTREAMS_POSTGRES or the test database; a scratch database is created and dropped)";

    public string Name => "storage-writes";

    public string Description => "grain storage writes/s (PostgreSQL, SQLite WAL) vs raw single-row upserts";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = ParseOptions(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 1;
        }

        var grains = int.Parse(options.GetValueOrDefault("grains", "200"), CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup", "3"), CultureInfo.InvariantCulture));
        var state = new string('s', int.Parse(options.GetValueOrDefault("state-chars", "280"), CultureInfo.InvariantCulture));
        var postgres = options.GetValueOrDefault("postgres")
            ?? NullIfEmpty(Environment.GetEnvironmentVariable("ORLEANSSTREAMS_POSTGRES"))
            ?? "Host=127.0.0.1;Port=5432;Username=orleansstreams;Password=orleansstreams;Database=orleansstreams_tests";
        var backends = options.GetValueOrDefault("backends", "postgresql,sqlite,sqlite-driver-defaults").Split(',');

        Console.WriteLine($"| backend | grain writes/s | p50 / p99 ms | raw upserts/s | p50 / p99 ms | grain ÷ raw | errors (grain/raw) | stored payload |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var backend in backends)
        {
            await Console.Error.WriteLineAsync($"{backend}: {grains} grains, warm-up {warmup.TotalSeconds:0} s, measured {duration.TotalSeconds:0} s");
            var row = backend switch
            {
                "postgresql" => await PostgreSqlAsync(postgres, grains, warmup, duration, state, cancellationToken),
                "sqlite" => await SqliteAsync(withPragmas: true, grains, warmup, duration, state, cancellationToken),
                "sqlite-driver-defaults" => await SqliteAsync(withPragmas: false, grains, warmup, duration, state, cancellationToken),
                _ => null,
            };
            if (row is null)
            {
                await Console.Error.WriteLineAsync($"unknown backend '{backend}'; {Usage}");
                return 1;
            }

            var (grain, raw, payloadBytes) = row.Value;
            Console.WriteLine(
                $"| {backend} | {grain.PerSecond:N0} | {grain.P50Milliseconds:0.0} / {grain.P99Milliseconds:0.0} | {raw.PerSecond:N0} | " +
                $"{raw.P50Milliseconds:0.0} / {raw.P99Milliseconds:0.0} | {grain.PerSecond / raw.PerSecond:0.00} | {grain.Errors} / {raw.Errors} | {payloadBytes} B |");
        }

        return 0;
    }

    private static async Task<(WriteResult Grain, WriteResult Raw, int PayloadBytes)?> PostgreSqlAsync(
        string serverConnectionString, int grains, TimeSpan warmup, TimeSpan duration, string state, CancellationToken cancellationToken)
    {
        var database = $"bench_storage_{Guid.NewGuid():N}";
        await AdminAsync(serverConnectionString, $"CREATE DATABASE \"{database}\"");
        try
        {
            var settings = Read(StorageProvider.PostgreSql, new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString);
            await Console.Error.WriteLineAsync($"  {settings.RedactedConnectionString}");
            return await MeasureAsync(settings, null, grains, warmup, duration, state,
                () => RawUpsertWriters.PostgreSqlAsync(settings.ConnectionString!), cancellationToken);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(serverConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task<(WriteResult Grain, WriteResult Raw, int PayloadBytes)?> SqliteAsync(
        bool withPragmas, int grains, TimeSpan warmup, TimeSpan duration, string state, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleansstreams-bench-{Guid.NewGuid():N}");
        try
        {
            var settings = Read(StorageProvider.Sqlite, $"Data Source={Path.Combine(directory, "state.db")}");
            // Driver defaults: the same schema (WAL included) but plain connections: synchronous=FULL,
            // busy_timeout=0, so a busy database is retried by Microsoft.Data.Sqlite every 150 ms.
            Action<ISiloBuilder>? configure = withPragmas ? null : silo =>
            {
                silo.Services.AddStorageSchema(new SchemaTarget(SqlDialect.Sqlite, SchemaPart.Persistence, settings.ConnectionString!));
                silo.AddAdoNetGrainStorage(StorageNames.State, o =>
                {
                    o.Invariant = OrleansAdoNetInvariants.Sqlite;
                    o.ConnectionString = settings.ConnectionString;
                });
            };
            return await MeasureAsync(settings, configure, grains, warmup, duration, state,
                () => RawUpsertWriters.SqliteAsync(settings.ConnectionString!, withPragmas), cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(WriteResult Grain, WriteResult Raw, int PayloadBytes)?> MeasureAsync(
        StorageSettings settings,
        Action<ISiloBuilder>? configure,
        int grains,
        TimeSpan warmup,
        TimeSpan duration,
        string state,
        Func<Task<RawUpsertWriters>> createRaw,
        CancellationToken cancellationToken)
    {
        WriteResult grain;
        await using (var silo = await GrainStorageWriters.StartAsync(settings, configure, cancellationToken))
        {
            grain = await WriteLoop.RunAsync(grains, warmup, duration, i => silo.CreateWriter(i, state), cancellationToken);
        }

        var payloadBytes = await StoredPayloadBytesAsync(settings);
        var rawWriters = await createRaw();
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var raw = await WriteLoop.RunAsync(grains, warmup, duration, i => rawWriters.CreateWriter(i, payload), cancellationToken);
        return (grain, raw, payloadBytes);
    }

    /// <summary>The size of the state Orleans stored (serialized), so the baseline writes as many bytes.</summary>
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

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
