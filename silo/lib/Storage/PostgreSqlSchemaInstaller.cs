using Npgsql;

namespace OrleansStreams.Storage;

/// <summary>Applies a PostgreSQL schema script: in one transaction, under one advisory lock.</summary>
internal static class PostgreSqlSchemaInstaller
{
    /// <summary>
    /// The advisory lock every OrleansStreams installer takes (the ASCII of "OS_SCHEM"), so silos
    /// starting together against one database apply their scripts one after another; without it,
    /// two concurrent <c>CREATE TABLE IF NOT EXISTS</c> can both try to create the table.
    /// </summary>
    public const long SchemaLockKey = 0x4F535F534348454D;

    /// <summary>Applies <paramref name="script"/> and returns the server's <c>max_connections</c>.</summary>
    public static async Task<int> ApplyAsync(string connectionString, string script, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        int maxConnections;
        await using (var command = new NpgsqlCommand("SELECT current_setting('max_connections')::int", connection, transaction))
        {
            maxConnections = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return maxConnections;
    }
}
