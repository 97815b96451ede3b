using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using OrleansStreams.Storage;

namespace OrleansStreams.Bench.Storage;

/// <summary>
/// The baseline: one single-row upsert per write of the same payload, on a connection taken from
/// the same kind of pool as the storage provider's (open, one command, close), without Orleans.
/// </summary>
internal sealed class RawUpsertWriters(Func<DbConnection> open, string upsert)
{
    public static async Task<RawUpsertWriters> PostgreSqlAsync(string connectionString)
    {
        var writers = new RawUpsertWriters(
            () => new NpgsqlConnection(connectionString),
            "INSERT INTO bench_raw (id, payload, version) VALUES (@id, @payload, 1) " +
            "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, version = bench_raw.version + 1");
        await writers.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_raw (id integer PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL)");
        return writers;
    }

    /// <summary>Raw writers on a SQLite file.</summary>
    /// <param name="connectionString">The file.</param>
    /// <param name="withPragmas">Connections get the storage's per-connection pragmas (busy_timeout, synchronous=NORMAL).</param>
    public static async Task<RawUpsertWriters> SqliteAsync(string connectionString, bool withPragmas)
    {
        var source = new SqliteStateDataSource(connectionString);
        var writers = new RawUpsertWriters(
            withPragmas ? source.CreateConnection : () => new SqliteConnection(connectionString),
            "INSERT INTO bench_raw (id, payload, version) VALUES (@id, @payload, 1) " +
            "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, version = version + 1");
        await writers.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, payload BLOB NOT NULL, version INTEGER NOT NULL)");
        return writers;
    }

    public Func<Task> CreateWriter(int index, byte[] payload) => async () =>
    {
        await using var connection = open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = upsert;
        Add(command, "id", index);
        Add(command, "payload", payload);
        await command.ExecuteNonQueryAsync();
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
