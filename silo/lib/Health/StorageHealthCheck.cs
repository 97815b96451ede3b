using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OrleansStreams.Configuration;

namespace OrleansStreams.Health;

/// <summary>
/// Ready only while the state database answers a trivial query within the check timeout: the SQLite
/// file opened read-write without creating it, or a PostgreSQL connection of its own small pool (so a
/// full storage pool does not read as an outage). Memory storage is always reachable.
/// </summary>
internal sealed class StorageHealthCheck(StorageSettings storage, HealthSettings settings) : IHealthCheck, IDisposable
{
    private readonly NpgsqlDataSource? _postgres = storage.Provider == StorageProvider.PostgreSql
        ? new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { MaxPoolSize = 1, MinPoolSize = 0 }.ConnectionString).Build()
        : null;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (storage.Provider == StorageProvider.Memory)
        {
            return HealthCheckResult.Healthy("memory storage");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.CheckTimeout);
        try
        {
            await using var connection = Open();
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{storage.Provider} storage reachable");
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            var reason = e is OperationCanceledException ? $"no answer within {Text.Durations.Format(settings.CheckTimeout)}" : e.Message;
            return HealthCheckResult.Unhealthy($"{storage.Provider} storage unreachable: {reason}");
        }
    }

    public void Dispose() => _postgres?.Dispose();

    private DbConnection Open() => _postgres is not null
        ? _postgres.CreateConnection()
        : new SqliteConnection(new SqliteConnectionStringBuilder(storage.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
}
