using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansStreams.Configuration;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>
/// <c>Cluster:Provider=AdoNet</c> end to end: in-process silos wired by <c>UseOrleansStreamsClustering</c>
/// (which also installs the membership schema) on a scratch PostgreSQL database.
/// </summary>
public sealed class AdoNetClusteringTests : IAsyncLifetime
{
    private const string ConnectionStringKey = "AdoNetClusteringTests:ConnectionString";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private string _connectionString = null!;

    public async Task InitializeAsync() =>
        _connectionString = await PostgresTestDatabase.CreateScratchDatabaseAsync("clustering");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Membership_ThirdSiloJoinsThenOthersLeave_EverySiloSeesTheActiveSet()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket; // real sockets, as in production
        builder.Properties[ConnectionStringKey] = _connectionString;
        builder.AddSiloBuilderConfigurator<AdoNetSiloConfigurator>();
        builder.AddClientBuilderConfigurator<AdoNetClientConfigurator>();
        await using var cluster = builder.Build();
        var clusterId = cluster.Options.ClusterId;
        await cluster.DeployAsync();
        Assert.Equal(2, await ActiveRowsAsync(clusterId));

        var third = await cluster.StartAdditionalSiloAsync();
        await WaitForActiveSetAsync(cluster, 3);
        Assert.Equal(3, await ActiveRowsAsync(clusterId));

        var killed = cluster.Silos[0];
        await cluster.KillSiloAsync(killed);
        await WaitForActiveSetAsync(cluster, 2);
        Assert.Equal(6, await StatusOfAsync(clusterId, killed.SiloAddress.Endpoint.Port));

        var stopped = cluster.Silos.First(s => s != third && s.IsActive);
        await cluster.StopSiloAsync(stopped);
        await WaitForActiveSetAsync(cluster, 1);
        Assert.Equal(6, await StatusOfAsync(clusterId, stopped.SiloAddress.Endpoint.Port));
        Assert.Equal(1, await ActiveRowsAsync(clusterId));
    }

    /// <summary>Waits until every running silo's membership view holds exactly <paramref name="count"/> active silos.</summary>
    private static async Task WaitForActiveSetAsync(TestCluster cluster, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var views = cluster.Silos.Where(s => s.IsActive).Cast<InProcessSiloHandle>().Select(s =>
                s.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
                    .Count(m => m.Status == SiloStatus.Active)).ToList();
            if (views.Count == count && views.All(v => v == count))
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"expected {count} active silos in every view; views: {string.Join(", ", views)}");
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task<long> ActiveRowsAsync(string clusterId) =>
        (long)(await ScalarAsync("SELECT count(*) FROM OrleansStreamsMembership WHERE DeploymentId = @id AND Status = 3", clusterId, 0))!;

    private async Task<int> StatusOfAsync(string clusterId, int port) =>
        (int)(await ScalarAsync("SELECT Status FROM OrleansStreamsMembership WHERE DeploymentId = @id AND Port = @port", clusterId, port))!;

    private async Task<object?> ScalarAsync(string sql, string clusterId, int port)
    {
        await using var connection = await PostgresTestDatabase.OpenAsync(_connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", clusterId);
        command.Parameters.AddWithValue("port", port);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The production wiring of <c>Cluster:Provider=AdoNet</c>, with this silo's test ports.</summary>
    private sealed class AdoNetSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            siloBuilder.UseOrleansStreamsClustering(new ClusterSettings
            {
                Provider = ClusterProvider.AdoNet,
                ClusterId = configuration["Orleans:ClusterId"]!,
                ServiceId = configuration["Orleans:ServiceId"]!,
                SiloPort = int.Parse(configuration["Orleans:Endpoints:SiloPort"]!, System.Globalization.CultureInfo.InvariantCulture),
                GatewayPort = int.Parse(configuration["Orleans:Endpoints:GatewayPort"]!, System.Globalization.CultureInfo.InvariantCulture),
                AdvertisedAddress = IPAddress.Loopback,
                ConnectionString = configuration[ConnectionStringKey],
            });
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
        }
    }

    private sealed class AdoNetClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration[ConnectionStringKey];
            });
    }
}
