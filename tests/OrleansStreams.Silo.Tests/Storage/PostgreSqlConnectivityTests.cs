using Npgsql;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage;

public sealed class PostgreSqlConnectivityTests
{
    [Fact]
    public async Task RoundTrip_TestDatabase_ReadsBackTheRowItWrote()
    {
        await using var connection = await PostgresTestDatabase.OpenAsync();
        var payload = Guid.NewGuid().ToString("N");

        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE round_trip (id int PRIMARY KEY, payload text NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO round_trip VALUES (1, @payload)", connection))
        {
            insert.Parameters.AddWithValue("payload", payload);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using var select = new NpgsqlCommand("SELECT payload FROM round_trip WHERE id = 1", connection);
        Assert.Equal(payload, await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenAsync_UnreachableServer_FailsWithInstructions()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PostgresTestDatabase.OpenAsync("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2"));

        Assert.Contains("bash .ci/run", e.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresTestDatabase.EnvironmentVariable, e.Message, StringComparison.Ordinal);
    }
}
