using Microsoft.Data.Sqlite;

namespace OrleansStreams.Storage;

/// <summary>
/// Prepares a SQLite database file: creates its directory, switches it to WAL (stored in the file,
/// so it holds for every later connection) and applies the schema script in one transaction.
/// </summary>
internal static class SqliteSchemaInstaller
{
    /// <summary>Applies <paramref name="script"/> and returns the journal mode the file is in afterwards.</summary>
    public static async Task<string> ApplyAsync(string connectionString, string script, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        SqlitePragmas.Apply(connection);

        string journalMode;
        await using (var command = connection.CreateCommand())
        {
            // Cannot run inside a transaction; waits (busy_timeout) while another connection writes.
            command.CommandText = "PRAGMA journal_mode = WAL";
            journalMode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        }

        // BEGIN IMMEDIATE: takes the write lock first, so installers on one file run one at a time.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return journalMode;
    }
}
