using System.Data.Common;
using Npgsql;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage.Support;

public sealed class PostgreSqlBackend : StorageBackend
{
    public override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(Settings.ConnectionString);
        connection.Open();
        return connection;
    }

    protected override async Task<Dictionary<string, string?>> CreateDatabaseAsync() =>
        new()
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = await PostgresTestDatabase.CreateScratchDatabaseAsync("storage"),
        };
}
