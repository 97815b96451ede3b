using Npgsql;

namespace OrleansStreams.Bench.Harness;

/// <summary>A fresh PostgreSQL database for one measurement, dropped afterwards.</summary>
internal sealed class PostgresScratch : IAsyncDisposable
{
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=orleansstreams;Password=orleansstreams;Database=orleansstreams_tests";

    private readonly string _server;
    private readonly string _name;

    private PostgresScratch(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The server: <c>--postgres</c>, else <c>$ORLEANSSTREAMS_POSTGRES</c>, else the test database.</summary>
    public static string Server(string option) =>
        option.Length > 0 ? option
        : Environment.GetEnvironmentVariable("ORLEANSSTREAMS_POSTGRES") is { Length: > 0 } env ? env
        : DefaultServer;

    public static async Task<PostgresScratch> CreateAsync(string server)
    {
        var name = $"bench_pipeline_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new PostgresScratch(server, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
