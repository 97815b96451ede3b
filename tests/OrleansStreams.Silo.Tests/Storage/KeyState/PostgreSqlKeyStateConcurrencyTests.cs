using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansStreams.Grains.State;
using OrleansStreams.Storage;
using OrleansStreams.Storage.KeyState;
using OrleansStreams.TestKit;
using static OrleansStreams.Silo.Tests.Storage.KeyState.KeyStateTestData;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>
/// The PostgreSQL store under concurrency: fencing against a BeginGeneration running at the same
/// time, two partitions claiming the same keys, and atomicity across statement chunks. Orderings are
/// forced with row locks held by the test and observed in <c>pg_stat_activity</c>, not with sleeps.
/// </summary>
public sealed class PostgreSqlKeyStateConcurrencyTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private string _connectionString = null!;
    private PostgreSqlKeyStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresTestDatabase.CreateScratchDatabaseAsync("keystate_race");
        await KeyStateStoreFixture.ApplySchemaAsync(new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.KeyState, _connectionString));
        _store = new PostgreSqlKeyStateStore(_connectionString, 10, TimeProvider.System, NullLogger<PostgreSqlKeyStateStore>.Instance);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task WriteCheckpointAsync_BeginGenerationWhileWriteInFlight_WriteCommitsBeforeTheBump()
    {
        var pipeline = NewPipeline();
        var generation = await _store.BeginGenerationAsync(pipeline, 0);
        var rows = Keys(5_000, "v1");
        await _store.WriteCheckpointAsync(pipeline, 0, generation, 1, rows);

        // Hold the last key: the write of checkpoint 2 stops in its last chunk, fence lock held.
        await using var blocker = await PostgresTestDatabase.OpenAsync(_connectionString);
        await using var hold = await blocker.BeginTransactionAsync();
        await ExecuteAsync(blocker, $"SELECT 1 FROM orleansstreams_keystate WHERE pipeline = '{pipeline}' AND key = '{rows[^1].Key}' FOR UPDATE");
        var write = _store.WriteCheckpointAsync(pipeline, 0, generation, 2, Keys(5_000, "v2"));
        await WaitForLockWaitersAsync(1);
        var bump = _store.BeginGenerationAsync(pipeline, 0);
        await WaitForLockWaitersAsync(2);
        Assert.False(write.IsCompleted);
        Assert.False(bump.IsCompleted);

        await hold.RollbackAsync();
        var next = await bump;
        var visibleAtBump = await CountAsync($"SELECT count(*) FROM orleansstreams_keystate WHERE pipeline = '{pipeline}' AND checkpoint = 2");

        Assert.Equal(generation + 1, next);
        Assert.Equal(5_000, visibleAtBump);
        Assert.Empty((await write).Foreign);
        await Assert.ThrowsAsync<StateFencedException>(() => _store.WriteCheckpointAsync(pipeline, 0, generation, 3, Keys(1, "v3")));
    }

    [Fact]
    public async Task WriteCheckpointAsync_BeginGenerationInProgressWhenWriteStarts_FailsFencedAndWritesNothing()
    {
        var pipeline = NewPipeline();
        var generation = await _store.BeginGenerationAsync(pipeline, 0);
        await _store.WriteCheckpointAsync(pipeline, 0, generation, 1, [.. Keys(3_000, "v1"), Row("tombstone", null)]);

        // A BeginGeneration that has updated the row but not committed yet.
        await using var other = await PostgresTestDatabase.OpenAsync(_connectionString);
        await using var bump = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(PostgreSqlKeyStateSql.BeginGeneration, other, bump))
        {
            command.Parameters.AddWithValue("pipeline", pipeline);
            command.Parameters.AddWithValue("partition", 0);
            Assert.Equal(generation + 1, (long)(await command.ExecuteScalarAsync())!);
        }

        var write = _store.WriteCheckpointAsync(pipeline, 0, generation, 2, Keys(3_000, "v2"));
        await WaitForLockWaitersAsync(1);
        await bump.CommitAsync();

        await Assert.ThrowsAsync<StateFencedException>(() => write);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM orleansstreams_keystate WHERE pipeline = '{pipeline}' AND checkpoint = 2"));
        Assert.Equal(3_001, await CountAsync($"SELECT count(*) FROM orleansstreams_keystate WHERE pipeline = '{pipeline}'"));
    }

    [Fact]
    public async Task WriteCheckpointAsync_RacingBeginGeneration_CommitsBeforeTheBumpOrFails()
    {
        var pipeline = NewPipeline();
        var outcomes = new List<string>();
        for (var checkpoint = 1; checkpoint <= 20; checkpoint++)
        {
            var generation = await _store.BeginGenerationAsync(pipeline, 0);
            var rows = Keys(3_000, $"v{checkpoint}");
            var write = Task.Run(() => _store.WriteCheckpointAsync(pipeline, 0, generation, checkpoint, rows));
            var bump = Task.Run(() => _store.BeginGenerationAsync(pipeline, 0));

            Assert.Equal(generation + 1, await bump);
            var visibleAtBump = await CountAsync($"SELECT count(*) FROM orleansstreams_keystate WHERE pipeline = '{pipeline}' AND checkpoint = {checkpoint}");
            try
            {
                await write;
                outcomes.Add("committed");
                Assert.Equal(3_000, visibleAtBump);
            }
            catch (StateFencedException)
            {
                outcomes.Add("fenced");
                Assert.Equal(0, visibleAtBump);
                Assert.Equal(0, await CountAsync($"SELECT count(*) FROM orleansstreams_keystate WHERE pipeline = '{pipeline}' AND checkpoint = {checkpoint}"));
            }
        }

        Assert.Equal(20, outcomes.Count);
    }

    [Fact]
    public async Task WriteCheckpointAsync_TwoPartitionsClaimingTheSameNewKeys_EachKeyGetsOneOwner()
    {
        for (var round = 0; round < 3; round++)
        {
            var pipeline = NewPipeline();
            var g0 = await _store.BeginGenerationAsync(pipeline, 0);
            var g1 = await _store.BeginGenerationAsync(pipeline, 1);
            var zero = Enumerable.Range(0, 6_000).Select(i => Row($"key-{i:D5}", "p0")).ToArray();
            var one = Enumerable.Range(3_000, 6_000).Select(i => Row($"key-{i:D5}", "p1")).Reverse().ToArray();

            var results = await Task.WhenAll(
                Task.Run(() => _store.WriteCheckpointAsync(pipeline, 0, g0, 1, zero)),
                Task.Run(() => _store.WriteCheckpointAsync(pipeline, 1, g1, 1, one)));

            var owners = await _store.FindOwnersAsync(pipeline, [.. zero.Concat(one).Select(r => r.Key).Distinct()]);
            Assert.Equal(9_000, owners.Count);
            for (var partition = 0; partition < 2; partition++)
            {
                var written = (partition == 0 ? zero : one).Select(r => r.Key).Except(results[partition].Foreign.Select(f => f.Key)).ToHashSet();
                Assert.All(results[partition].Foreign, f => Assert.Equal(1 - partition, owners[f.Key]));
                Assert.All(written, k => Assert.Equal(partition, owners[k]));
                Assert.Equal(written.Order(StringComparer.Ordinal), (await LoadAsync(_store, pipeline, partition)).Keys.Order(StringComparer.Ordinal));
            }

            Assert.Equal(3_000, results[0].Foreign.Count + results[1].Foreign.Count);
        }
    }

    [Fact]
    public async Task WriteCheckpointAsync_StatementFailsInALaterChunk_WritesNothing()
    {
        var pipeline = NewPipeline();
        var generation = await _store.BeginGenerationAsync(pipeline, 0);
        await _store.WriteCheckpointAsync(pipeline, 0, generation, 1, [.. Keys(10, "v1"), Row("tombstone", null)]);
        var rows = Keys(3 * PostgreSqlKeyStateStore.RowsPerStatement, "v2").Append(Row("zz-\0-text cannot hold NUL", "bad")).ToArray();

        await Assert.ThrowsAsync<PostgresException>(() => _store.WriteCheckpointAsync(pipeline, 0, generation, 2, rows));

        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM orleansstreams_keystate WHERE pipeline = '{pipeline}' AND checkpoint = 2"));
        Assert.Equal(new Dictionary<string, int> { ["tombstone"] = 0 }, await _store.FindOwnersAsync(pipeline, ["tombstone"]));
        Assert.Equal(10, (await LoadAsync(_store, pipeline, 0)).Count);
    }

    private static KeyStateRow[] Keys(int count, string value) =>
        [.. Enumerable.Range(0, count).Select(i => Row($"key-{i:D6}", $"{value} of key {i}"))];

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await PostgresTestDatabase.OpenAsync(_connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls until <paramref name="count"/> sessions of the test database wait for a lock.</summary>
    private async Task WaitForLockWaitersAsync(int count)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var waiting = await CountAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
            if (waiting >= count)
            {
                return;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < Patience, $"waited {Patience.TotalSeconds} s for {count} sessions waiting on a lock; {waiting} are");
            await Task.Delay(10);
        }
    }
}
