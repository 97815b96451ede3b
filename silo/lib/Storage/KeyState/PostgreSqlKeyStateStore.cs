using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>
/// <see cref="IKeyStateStore"/> in PostgreSQL, shared by the cluster. A write is one transaction:
/// the partition's generation read <c>FOR SHARE</c> and compared (a concurrent BeginGeneration, an
/// update of that row, waits for the write to end, and a write that starts after it sees the new
/// generation), the purge of committed tombstones, then the rows in key order as multi-row upserts
/// of <see cref="RowsPerStatement"/> rows each (<c>unnest</c> of two array parameters).
/// </summary>
internal sealed class PostgreSqlKeyStateStore : IKeyStateStore, IAsyncDisposable, IDisposable
{
    /// <summary>Rows in one upsert statement: large enough that round trips do not matter, small enough to keep each message modest.</summary>
    public const int RowsPerStatement = 2_000;

    /// <summary>Most keys in one <c>= ANY(@keys)</c> ownership lookup.</summary>
    public const int KeysPerLookup = 10_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgreSqlKeyStateStore> _logger;

    /// <summary>Creates the store with its own connection pool; the schema (<see cref="SchemaPart.KeyState"/>) must be applied.</summary>
    /// <param name="connectionString">The database (<c>StorageSettings.ConnectionString</c>).</param>
    /// <param name="maxPoolSize">The most connections the pool opens (<c>StorageSettings.MaxPoolSize</c>).</param>
    /// <param name="timeProvider">Times the writes for the Debug log.</param>
    /// <param name="logger">The Debug log of writes.</param>
    public PostgreSqlKeyStateStore(string connectionString, int maxPoolSize, TimeProvider timeProvider, ILogger<PostgreSqlKeyStateStore> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = maxPoolSize;
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, maxPoolSize);
        _dataSource = builder.Build();
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<long> BeginGenerationAsync(string pipeline, int partition, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckPartition(pipeline, partition);
        await using var command = _dataSource.CreateCommand(PostgreSqlKeyStateSql.BeginGeneration);
        AddPartition(command, pipeline, partition);
        var generation = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        KeyStateLog.GenerationBegun(_logger, pipeline, partition, generation);
        return generation;
    }

    public async Task<CheckpointWriteResult> WriteCheckpointAsync(
        string pipeline, int partition, long generation, long checkpoint, IReadOnlyList<KeyStateRow> rows, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckWrite(pipeline, partition, generation, checkpoint, minimumCheckpoint: 1);
        var sorted = KeyStateRows.Sorted(rows);
        var started = _timeProvider.GetTimestamp();

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CheckGenerationAsync(connection, transaction, pipeline, partition, generation, cancellationToken);

        long purged;
        await using (var purge = new NpgsqlCommand(PostgreSqlKeyStateSql.PurgeTombstones, connection, transaction))
        {
            AddPartition(purge, pipeline, partition).Parameters.Add(new NpgsqlParameter<long>("checkpoint", NpgsqlDbType.Bigint) { TypedValue = checkpoint });
            purged = await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand(PostgreSqlKeyStateSql.Upsert, connection, transaction);
        AddPartition(upsert, pipeline, partition).Parameters.Add(new NpgsqlParameter<long>("checkpoint", NpgsqlDbType.Bigint) { TypedValue = checkpoint });
        var keys = new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text);
        var data = new NpgsqlParameter<byte[]?[]>("data", NpgsqlDbType.Array | NpgsqlDbType.Bytea);
        upsert.Parameters.Add(keys);
        upsert.Parameters.Add(data);
        if (sorted.Count > RowsPerStatement)
        {
            await upsert.PrepareAsync(cancellationToken);
        }

        List<KeyValuePair<string, int>>? foreign = null;
        long bytes = 0;
        for (var offset = 0; offset < sorted.Count; offset += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, sorted.Count - offset);
            var chunkKeys = new string[count];
            var chunkData = new byte[]?[count];
            long chunkBytes = 0;
            for (var i = 0; i < count; i++)
            {
                var row = sorted[offset + i];
                chunkKeys[i] = row.Key;
                chunkData[i] = row.IsDeletion ? null : row.Data.ToArray(); // lives for one statement, not for the checkpoint
                chunkBytes += row.Data.Length;
            }

            keys.TypedValue = chunkKeys;
            data.TypedValue = chunkData;
            var written = await upsert.ExecuteNonQueryAsync(cancellationToken);
            if (written != count)
            {
                var refused = await ForeignOwnersAsync(connection, transaction, pipeline, partition, chunkKeys, cancellationToken);
                foreach (var owned in refused)
                {
                    chunkBytes -= sorted[Array.BinarySearch(chunkKeys, owned.Key, StringComparer.Ordinal) + offset].Data.Length;
                }

                if (written + refused.Count != count)
                {
                    // Cannot happen while refused rows stay locked; never report a row written that was not.
                    throw new InvalidOperationException(
                        $"checkpoint {checkpoint} of {pipeline}/{partition}: {count} rows, {written} written, {refused.Count} foreign; rolled back");
                }

                (foreign ??= []).AddRange(refused);
            }

            bytes += chunkBytes;
        }

        await transaction.CommitAsync(cancellationToken);
        var result = foreign is null ? CheckpointWriteResult.Written(bytes) : new CheckpointWriteResult { Foreign = foreign, BytesWritten = bytes };
        KeyStateLog.CheckpointWritten(
            _logger, pipeline, partition, checkpoint, generation, sorted.Count, result.Foreign.Count, bytes, purged,
            (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public async Task RollBackAsync(string pipeline, int partition, long generation, long checkpoint, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckWrite(pipeline, partition, generation, checkpoint, minimumCheckpoint: 0);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CheckGenerationAsync(connection, transaction, pipeline, partition, generation, cancellationToken);

        long reverted;
        await using (var revert = new NpgsqlCommand(PostgreSqlKeyStateSql.Revert, connection, transaction))
        {
            AddPartition(revert, pipeline, partition).Parameters.Add(new NpgsqlParameter<long>("checkpoint", NpgsqlDbType.Bigint) { TypedValue = checkpoint });
            reverted = await revert.ExecuteNonQueryAsync(cancellationToken);
        }

        long deleted;
        await using (var delete = new NpgsqlCommand(PostgreSqlKeyStateSql.DeleteNewer, connection, transaction))
        {
            AddPartition(delete, pipeline, partition).Parameters.Add(new NpgsqlParameter<long>("checkpoint", NpgsqlDbType.Bigint) { TypedValue = checkpoint });
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        KeyStateLog.RolledBack(_logger, pipeline, partition, checkpoint, generation, reverted, deleted);
    }

    public async IAsyncEnumerable<KeyStateRow> LoadAsync(string pipeline, int partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckPartition(pipeline, partition);

        // One statement: one snapshot, streamed from the server as it is consumed.
        await using var command = _dataSource.CreateCommand(PostgreSqlKeyStateSql.Load);
        AddPartition(command, pipeline, partition);
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

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        for (var offset = 0; offset < keys.Count; offset += KeysPerLookup)
        {
            var chunk = new string[Math.Min(KeysPerLookup, keys.Count - offset)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = keys[offset + i];
            }

            await using var command = new NpgsqlCommand(PostgreSqlKeyStateSql.Owners, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("pipeline", NpgsqlDbType.Text) { TypedValue = pipeline });
            command.Parameters.Add(new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = chunk });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                owners[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        return owners;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private static async Task CheckGenerationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pipeline, int partition, long generation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgreSqlKeyStateSql.Generation, connection, transaction);
        AddPartition(command, pipeline, partition);
        var current = await command.ExecuteScalarAsync(cancellationToken) as long?;
        KeyStateFence.Check(pipeline, partition, generation, current);
    }

    private static async Task<List<KeyValuePair<string, int>>> ForeignOwnersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pipeline, int partition, string[] keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgreSqlKeyStateSql.ForeignOwners, connection, transaction);
        AddPartition(command, pipeline, partition);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = keys });
        var owners = new List<KeyValuePair<string, int>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners.Add(new(reader.GetString(0), reader.GetInt32(1)));
        }

        return owners;
    }

    private static NpgsqlCommand AddPartition(NpgsqlCommand command, string pipeline, int partition)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("pipeline", NpgsqlDbType.Text) { TypedValue = pipeline });
        command.Parameters.Add(new NpgsqlParameter<int>("partition", NpgsqlDbType.Integer) { TypedValue = partition });
        return command;
    }
}
