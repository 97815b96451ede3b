using OrleansStreams.Silo.Tests.Storage.Support;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>Grain state outlives the whole cluster: a new cluster on the same database reads it back.</summary>
public abstract class GrainStateRestartTests<TBackend>(TBackend backend)
    where TBackend : StorageBackend
{
    [Fact]
    public async Task Set_ClusterStoppedAndNewClusterStarted_StateIsReadBack()
    {
        var serviceId = $"restart-{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, 5).Select(i => $"pipeline/key-{i}").ToList();

        await using (var first = await StorageTestCluster.StartAsync(backend.Settings, serviceId))
        {
            foreach (var key in keys)
            {
                var grain = first.Client.GetGrain<IStorageTestGrain>(key);
                await grain.Set($"{key} v1");
                await grain.Set($"{key} v2");
            }

            await first.StopAllSilosAsync();
        }

        await using var second = await StorageTestCluster.StartAsync(backend.Settings, serviceId);
        foreach (var key in keys)
        {
            var state = await second.Client.GetGrain<IStorageTestGrain>(key).Get();
            Assert.Equal(($"{key} v2", 2), (state.Value, state.Writes));
        }

        // The state is keyed by the service id: another service on the same database starts empty.
        await using var other = await StorageTestCluster.StartAsync(backend.Settings, $"other-{serviceId}");
        Assert.Null((await other.Client.GetGrain<IStorageTestGrain>(keys[0]).Get()).Value);
    }
}

public sealed class SqliteGrainStateRestartTests(SqliteBackend backend)
    : GrainStateRestartTests<SqliteBackend>(backend), IClassFixture<SqliteBackend>;

public sealed class PostgreSqlGrainStateRestartTests(PostgreSqlBackend backend)
    : GrainStateRestartTests<PostgreSqlBackend>(backend), IClassFixture<PostgreSqlBackend>;
