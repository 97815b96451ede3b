using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansStreams.Grains.State;
using OrleansStreams.Storage;
using OrleansStreams.Storage.KeyState;
using OrleansStreams.TestKit;
using static OrleansStreams.Silo.Tests.Storage.KeyState.KeyStateTestData;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>The key state schema scripts: idempotent over data, with the partition index.</summary>
public sealed class KeyStateSchemaTests : IDisposable
{
    private readonly SqliteTestFile _file = SqliteTestFile.Create("orleansstreams-keystate-schema", "data");

    public static TheoryData<string> Dialects => [nameof(SqlDialect.Sqlite), nameof(SqlDialect.PostgreSql)];

    [Theory, MemberData(nameof(Dialects))]
    public async Task ApplyAsync_KeyStateSchemaAppliedTwiceOverData_ChangesNothing(string dialectName)
    {
        var dialect = Enum.Parse<SqlDialect>(dialectName);
        var target = new SchemaTarget(dialect, SchemaPart.KeyState,
            dialect == SqlDialect.Sqlite ? _file.ConnectionString : await PostgresTestDatabase.CreateScratchDatabaseAsync("keystate_schema"));
        await KeyStateStoreFixture.ApplySchemaAsync(target);
        var store = Store(target);
        var pipeline = NewPipeline();
        var generation = await store.BeginGenerationAsync(pipeline, 0);
        await store.WriteCheckpointAsync(pipeline, 0, generation, 1, Rows(("a", "a1"), ("b", null)));
        await store.WriteCheckpointAsync(pipeline, 0, generation, 2, Rows(("a", "a2")));
        var before = await SnapshotAsync(target);
        Assert.Contains("orleansstreams_keystate_partition", before, StringComparison.Ordinal);
        Assert.Contains("orleansstreams_keystate_tombstones", before, StringComparison.Ordinal);

        await KeyStateStoreFixture.ApplySchemaAsync(target);

        Assert.Equal(before, await SnapshotAsync(target));
        Assert.Equal(generation + 1, await store.BeginGenerationAsync(pipeline, 0));
        await store.RollBackAsync(pipeline, 0, generation + 1, 1);
        Assert.Equal(Expected(("a", "a1")), await LoadAsync(store, pipeline, 0));
        await DisposeAsync(store);
    }

    public void Dispose() => _file.Dispose();

    private static IKeyStateStore Store(SchemaTarget target) => target.Dialect == SqlDialect.Sqlite
        ? new SqliteKeyStateStore(target.ConnectionString, TimeProvider.System, NullLogger<SqliteKeyStateStore>.Instance)
        : new PostgreSqlKeyStateStore(target.ConnectionString, 5, TimeProvider.System, NullLogger<PostgreSqlKeyStateStore>.Instance);

    private static async Task DisposeAsync(IKeyStateStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            ((IDisposable)store).Dispose();
        }
    }

    /// <summary>Every schema object and every key state row.</summary>
    private static async Task<string> SnapshotAsync(SchemaTarget target)
    {
        if (target.Dialect == SqlDialect.Sqlite)
        {
            await using var connection = new SqliteConnection(target.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT group_concat(x, char(10)) FROM (
                    SELECT type || ' ' || name || ' ' || ifnull(sql, '') AS x FROM sqlite_master
                    UNION ALL SELECT 'partition ' || pipeline || ' ' || partition || ' ' || generation FROM orleansstreams_partition
                    UNION ALL SELECT 'key ' || rowid || ' ' || key || ' ' || checkpoint || ' ' || ifnull(hex(data), '-') || ' ' || ifnull(previous_checkpoint, '-') FROM orleansstreams_keystate
                    ORDER BY 1)
                """;
            return (string)(await command.ExecuteScalarAsync())!;
        }

        await using var pg = await PostgresTestDatabase.OpenAsync(target.ConnectionString);
        await using var query = new NpgsqlCommand("""
            SELECT string_agg(x, E'\n' ORDER BY x) FROM (
                SELECT 'index ' || indexname || ' ' || indexdef AS x FROM pg_indexes WHERE tablename LIKE 'orleansstreams_%'
                UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(collation_name, '')
                    FROM information_schema.columns WHERE table_name LIKE 'orleansstreams_%'
                UNION ALL SELECT 'partition ' || ctid || ' ' || pipeline || ' ' || partition || ' ' || generation FROM orleansstreams_partition
                UNION ALL SELECT 'key ' || ctid || ' ' || key || ' ' || checkpoint || ' ' || coalesce(encode(data, 'hex'), '-') || ' ' || coalesce(previous_checkpoint::text, '-') FROM orleansstreams_keystate) objects
            """, pg);
        return (string)(await query.ExecuteScalarAsync())!;
    }
}
