using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Health;
using OrleansStreams.Ingress;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Health;

/// <summary>The readiness checks one by one, against real SQLite, PostgreSQL and the dev broker.</summary>
public sealed class HealthCheckTests
{
    private static readonly HealthSettings Quick = new() { CheckTimeout = TimeSpan.FromSeconds(2), MaxRecoveryTime = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task Partitions_RecoveringLongerThanTheLimit_UnhealthyNamingThemAndForHowLong()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var since = time.GetUtcNow();
        (string, DateTimeOffset?)[] owned = [("sensors/0", null), ("sensors/1", since), ("sensors/2", null)];
        var check = new PartitionRecoveryHealthCheck(() => owned, Quick, time);

        time.Advance(TimeSpan.FromMinutes(2));
        var atLimit = await check.CheckHealthAsync(new HealthCheckContext());
        time.Advance(TimeSpan.FromSeconds(1));
        var over = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, atLimit.Status);
        Assert.Equal("3 owned partitions, 1 recovering", atLimit.Description);
        Assert.Equal(HealthStatus.Unhealthy, over.Status);
        Assert.Equal("1 of 3 owned partitions recovering longer than 2m: sensors/1 for 121s", over.Description);
    }

    [Fact]
    public async Task Storage_SqliteFileThereOrGone_HealthyThenUnhealthyWithoutCreatingIt()
    {
        using var file = SqliteTestFile.Create("health-sqlite");
        var storage = new StorageSettings { Provider = StorageProvider.Sqlite, ConnectionString = file.ConnectionString };
        using var check = new StorageHealthCheck(storage, Quick);

        var missing = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, missing.Status);
        Assert.StartsWith("Sqlite storage unreachable:", missing.Description, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path), "the check created the database file");

        await using (var create = new Microsoft.Data.Sqlite.SqliteConnection(file.ConnectionString))
        {
            await create.OpenAsync();
        }

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task Storage_PostgreSqlUpOrNothingListening_HealthyOrUnhealthyWithinTheTimeout()
    {
        var up = new StorageSettings { Provider = StorageProvider.PostgreSql, ConnectionString = PostgresTestDatabase.ConnectionString };
        var down = new StorageSettings { Provider = StorageProvider.PostgreSql, ConnectionString = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=u;Password=secret-password;Database=d" };
        using var healthy = new StorageHealthCheck(up, Quick);
        using var unhealthy = new StorageHealthCheck(down, Quick);

        Assert.Equal(HealthStatus.Healthy, (await healthy.CheckHealthAsync(new HealthCheckContext())).Status);
        var result = await unhealthy.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("PostgreSql storage unreachable:", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kafka_BrokerUpThenStopped_HealthyThenUnhealthy()
    {
        await using var broker = await TestBroker.StartAsync();
        using var admin = new TopicAdmin(new KafkaConnection(broker.BootstrapServers, "health", new Dictionary<string, string>()), TimeProvider.System);
        var check = new KafkaHealthCheck(admin, Quick);

        var up = await check.CheckHealthAsync(new HealthCheckContext());
        await broker.StopAsync();
        var down = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal("1 Kafka brokers reachable", up.Description);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.StartsWith("Kafka unreachable within 2s", down.Description, StringComparison.Ordinal);
    }
}
