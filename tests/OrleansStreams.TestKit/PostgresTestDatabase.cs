using Npgsql;

namespace OrleansStreams.TestKit;

/// <summary>
/// The PostgreSQL server the tests use. <c>bash .ci/run</c> installs and starts it with the
/// role and database of <see cref="DefaultConnectionString"/>; set
/// <c>ORLEANSSTREAMS_POSTGRES</c> to use another server. When the server cannot be reached the
/// tests fail with instructions — they are never skipped.
/// </summary>
public static class PostgresTestDatabase
{
    public const string EnvironmentVariable = "ORLEANSSTREAMS_POSTGRES";

    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Username=orleansstreams;Password=orleansstreams;Database=orleansstreams_tests;Maximum Pool Size=40;Timeout=5";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : DefaultConnectionString;

    /// <summary>Opens a connection, or throws with a message saying how to start the database.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string? connectionString = null, CancellationToken cancellationToken = default)
    {
        connectionString ??= ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable ({Describe(connectionString)}): {e.Message}. " +
                "Start it with `bash .ci/run` (installs PostgreSQL from Debian, starts it on 127.0.0.1:5432 and creates " +
                $"the role and database), or point {EnvironmentVariable} at a reachable database.",
                e);
        }
    }

    /// <summary>Creates a fresh, empty database for one test class and returns its connection string.</summary>
    public static async Task<string> CreateScratchDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = await OpenAsync(cancellationToken: cancellationToken))
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"Host={b.Host};Port={b.Port};Database={b.Database};Username={b.Username}";
    }
}
