using Microsoft.Data.Sqlite;

namespace OrleansStreams.Storage;

/// <summary>
/// The SQLite settings of OrleansStreams. <c>journal_mode=WAL</c> is stored in the database file
/// (set once by the schema installer); the others belong to a connection and are set on every
/// connection the silo opens (see <see cref="SqliteStateDataSource"/>).
/// </summary>
internal static class SqlitePragmas
{
    /// <summary>
    /// How long a writer waits for the write lock inside SQLite (fine-grained back-off) before the
    /// driver's own retry loop, which sleeps 150 ms per attempt, sees <c>SQLITE_BUSY</c>.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// <c>synchronous=NORMAL</c>: with WAL, a commit survives a process crash; an OS crash or power
    /// loss may lose the last commits (the file stays consistent). FULL would fsync every commit.
    /// </summary>
    public const string Synchronous = "NORMAL";

    /// <summary>The per-connection pragmas; they return no rows.</summary>
    public static readonly string ConnectionSettings =
        $"PRAGMA synchronous = {Synchronous}; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    /// <summary>Applies the per-connection pragmas to an open connection.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionSettings;
        command.ExecuteNonQuery();
    }
}
