using Npgsql;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Ingress;

/// <summary>Reads what the test host's recording key grains wrote: the independent witness of delivery.</summary>
internal sealed class AppliedRecords(string connectionString)
{
    public string ConnectionString => connectionString;

    public static async Task<AppliedRecords> CreateAsync(string prefix) =>
        new(await PostgresTestDatabase.CreateScratchDatabaseAsync(prefix));

    public async Task<long> DistinctAsync()
    {
        await using var connection = await PostgresTestDatabase.OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM (SELECT DISTINCT partition, record_offset FROM applied) d", connection);
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Every row in the order it was written: (key, partition, offset, silo).</summary>
    public async Task<List<(string Key, int Partition, long Offset, string Silo)>> AllAsync()
    {
        await using var connection = await PostgresTestDatabase.OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT key, partition, record_offset, silo FROM applied ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }
}
