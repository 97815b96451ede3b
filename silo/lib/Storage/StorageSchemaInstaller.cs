using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansStreams.Client.Hosting;

namespace OrleansStreams.Storage;

/// <summary>
/// Applies the registered <see cref="SchemaTarget"/>s when the host is starting, before any hosted
/// service starts — in particular before the Orleans silo, whose ADO.NET providers read their
/// queries from the database once, at initialization. One Information line per applied schema.
/// </summary>
internal sealed class StorageSchemaInstaller(
    IEnumerable<SchemaTarget> targets,
    TimeProvider timeProvider,
    ILogger<StorageSchemaInstaller> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var target in targets.Distinct())
        {
            await ApplyAsync(target, cancellationToken);
        }
    }

    /// <summary>Applies one schema; safe to call again and from several processes at once.</summary>
    public async Task ApplyAsync(SchemaTarget target, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var part = target.Part.ToString().ToLowerInvariant();
        try
        {
            var script = target.LoadScript();
            switch (target.Dialect)
            {
                case SqlDialect.Sqlite:
                    var journalMode = await SqliteSchemaInstaller.ApplyAsync(target.ConnectionString, script, cancellationToken);
                    var dataSource = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
                    StorageLog.SqliteSchemaApplied(logger, part, dataSource, ElapsedMilliseconds(started), journalMode, SqlitePragmas.Synchronous, SqlitePragmas.BusyTimeoutMilliseconds);
                    if (!journalMode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                    {
                        StorageLog.SqliteNotInWalMode(logger, dataSource, journalMode);
                    }

                    break;
                case SqlDialect.PostgreSql:
                    var maxConnections = await PostgreSqlSchemaInstaller.ApplyAsync(target.ConnectionString, script, cancellationToken);
                    var redacted = ConnectionStrings.Redact(target.ConnectionString);
                    StorageLog.PostgreSqlSchemaApplied(logger, part, redacted, ElapsedMilliseconds(started));
                    var pool = new NpgsqlConnectionStringBuilder(target.ConnectionString).MaxPoolSize;
                    if (target.Part == SchemaPart.Persistence && 2 * pool >= maxConnections)
                    {
                        StorageLog.StoragePoolReachesServerLimit(logger, pool, redacted, maxConnections);
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(target), target.Dialect, "unknown SQL dialect");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StorageLog.SchemaNotApplied(logger, e, target.ToString());
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private long ElapsedMilliseconds(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}
