using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>
/// <see cref="IKeyStateStore"/> in a SQLite file, on connections with the shipped pragmas
/// (<see cref="SqlitePragmas"/>; the file is in WAL mode from the schema installer). Every write is
/// one <c>BEGIN IMMEDIATE</c> transaction that reads the generation first: it holds the file's write
/// lock from its start, so a concurrent <see cref="BeginGenerationAsync"/> (a write as well) runs
/// wholly before or after it. Rows go through one prepared statement, reused per row.
/// </summary>
/// <remarks>
/// The driver is synchronous, and a writer may wait up to <see cref="SqlitePragmas.BusyTimeoutMilliseconds"/>
/// for the lock inside SQLite; writes therefore queue on an asynchronous lock (one writer of this
/// process at a time, as SQLite allows anyway) and run on the thread pool, never on the caller's
/// (grain) thread.
/// </remarks>
internal sealed class SqliteKeyStateStore : IKeyStateStore, IDisposable
{
    /// <summary>Most keys in one <c>IN (...)</c> ownership lookup.</summary>
    public const int KeysPerLookup = 500;

    private readonly SqliteStateDataSource _source;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteKeyStateStore> _logger;

    /// <summary>Creates the store; the schema (<see cref="SchemaPart.KeyState"/>) must be applied to the file.</summary>
    /// <param name="connectionString">The SQLite file (<c>StorageSettings.ConnectionString</c>).</param>
    /// <param name="timeProvider">Times the writes for the Debug log.</param>
    /// <param name="logger">The Debug log of writes.</param>
    public SqliteKeyStateStore(string connectionString, TimeProvider timeProvider, ILogger<SqliteKeyStateStore> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _source = new SqliteStateDataSource(connectionString);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<long> BeginGenerationAsync(string pipeline, int partition, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckPartition(pipeline, partition);
        var generation = await WriteAsync(
            () =>
            {
                using var connection = Open();
                using var command = Command(connection, null, SqliteKeyStateSql.BeginGeneration, pipeline, partition);
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            },
            cancellationToken);
        KeyStateLog.GenerationBegun(_logger, pipeline, partition, generation);
        return generation;
    }

    public async Task<CheckpointWriteResult> WriteCheckpointAsync(
        string pipeline, int partition, long generation, long checkpoint, IReadOnlyList<KeyStateRow> rows, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckWrite(pipeline, partition, generation, checkpoint, minimumCheckpoint: 1);
        var sorted = KeyStateRows.Sorted(rows);
        var started = _timeProvider.GetTimestamp();
        var (result, purged) = await WriteAsync(() => WriteCheckpoint(pipeline, partition, generation, checkpoint, sorted, cancellationToken), cancellationToken);
        KeyStateLog.CheckpointWritten(
            _logger, pipeline, partition, checkpoint, generation, sorted.Count, result.Foreign.Count, result.BytesWritten, purged,
            (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public async Task RollBackAsync(string pipeline, int partition, long generation, long checkpoint, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckWrite(pipeline, partition, generation, checkpoint, minimumCheckpoint: 0);
        var (reverted, deleted) = await WriteAsync(
            () =>
            {
                using var connection = Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                CheckGeneration(connection, transaction, pipeline, partition, generation);
                using var revert = Command(connection, transaction, SqliteKeyStateSql.Revert, pipeline, partition, checkpoint);
                var reverted = revert.ExecuteNonQuery();
                using var delete = Command(connection, transaction, SqliteKeyStateSql.DeleteNewer, pipeline, partition, checkpoint);
                var deleted = delete.ExecuteNonQuery();
                transaction.Commit();
                return (reverted, deleted);
            },
            cancellationToken);
        KeyStateLog.RolledBack(_logger, pipeline, partition, checkpoint, generation, reverted, deleted);
    }

    public async IAsyncEnumerable<KeyStateRow> LoadAsync(string pipeline, int partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckPartition(pipeline, partition);

        // One statement: one read transaction, a consistent snapshot however slowly it is consumed.
        await using var connection = Open();
        await using var command = Command(connection, null, SqliteKeyStateSql.Load, pipeline, partition);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new KeyStateRow(reader.GetString(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> FindOwnersAsync(string pipeline, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckKeys(pipeline, keys);
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return owners;
        }

        await using var connection = Open();
        for (var offset = 0; offset < keys.Count; offset += KeysPerLookup)
        {
            var count = Math.Min(KeysPerLookup, keys.Count - offset);
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteKeyStateSql.Owners(count);
            command.Parameters.AddWithValue("$pipeline", pipeline);
            for (var i = 0; i < count; i++)
            {
                command.Parameters.AddWithValue($"$k{i}", keys[offset + i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                owners[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        return owners;
    }

    public void Dispose()
    {
        _source.Dispose();
        _writer.Dispose();
    }

    private (CheckpointWriteResult Result, long Purged) WriteCheckpoint(
        string pipeline, int partition, long generation, long checkpoint, ArraySegment<KeyStateRow> rows, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        CheckGeneration(connection, transaction, pipeline, partition, generation);

        long purged;
        using (var purge = Command(connection, transaction, SqliteKeyStateSql.PurgeTombstones, pipeline, partition, checkpoint))
        {
            purged = purge.ExecuteNonQuery();
        }

        using var upsert = Command(connection, transaction, SqliteKeyStateSql.Upsert, pipeline, partition, checkpoint);
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var data = upsert.Parameters.Add("$data", SqliteType.Blob);
        upsert.Prepare();
        SqliteCommand? owner = null;
        SqliteParameter? ownerKey = null;
        List<KeyValuePair<string, int>>? foreign = null;
        long bytes = 0;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if ((i & 1023) == 1023)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                key.Value = rows[i].Key;
                data.Value = rows[i].IsDeletion ? DBNull.Value : rows[i].Data;
                if (upsert.ExecuteNonQuery() == 1)
                {
                    bytes += rows[i].Data.Length;
                    continue;
                }

                // Refused: the row belongs to another partition (the write lock keeps it there).
                if (owner is null)
                {
                    owner = Command(connection, transaction, SqliteKeyStateSql.Owner, pipeline);
                    ownerKey = owner.Parameters.Add("$key", SqliteType.Text);
                }

                ownerKey!.Value = rows[i].Key;
                var stored = Convert.ToInt32(owner.ExecuteScalar(), CultureInfo.InvariantCulture);
                (foreign ??= []).Add(new(rows[i].Key, stored));
            }
        }
        finally
        {
            owner?.Dispose();
        }

        transaction.Commit();
        return (foreign is null ? CheckpointWriteResult.Written(bytes) : new CheckpointWriteResult { Foreign = foreign, BytesWritten = bytes }, purged);
    }

    private static void CheckGeneration(SqliteConnection connection, SqliteTransaction transaction, string pipeline, int partition, long generation)
    {
        using var command = Command(connection, transaction, SqliteKeyStateSql.Generation, pipeline, partition);
        var current = command.ExecuteScalar() is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : (long?)null;
        KeyStateFence.Check(pipeline, partition, generation, current);
    }

    private static SqliteCommand Command(
        SqliteConnection connection, SqliteTransaction? transaction, string text, string pipeline, int? partition = null, long? checkpoint = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        command.Parameters.Add("$pipeline", SqliteType.Text).Value = pipeline;
        if (partition is { } p)
        {
            command.Parameters.Add("$partition", SqliteType.Integer).Value = p;
        }

        if (checkpoint is { } c)
        {
            command.Parameters.Add("$checkpoint", SqliteType.Integer).Value = c;
        }

        return command;
    }

    private SqliteConnection Open() => (SqliteConnection)_source.OpenConnection();

    private async Task<T> WriteAsync<T>(Func<T> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(write, cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }
}
