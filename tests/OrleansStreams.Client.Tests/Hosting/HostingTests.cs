using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Client.Hosting;
using OrleansStreams.Client.Tests.Queries;
using OrleansStreams.Configuration;

namespace OrleansStreams.Client.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public void AddOrleansStreamsClient_DefaultSettings_RegistersTheClientAndTheConnectDeadline()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        builder.AddOrleansStreamsClient();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetRequiredService<IOrleansStreamsClient>());
        Assert.NotNull(host.Services.GetRequiredService<IClusterClient>());
        Assert.IsType<DeadlineConnectionRetryFilter>(host.Services.GetRequiredService<IClientConnectionRetryFilter>());
    }

    [Fact]
    public void AddOrleansStreamsClient_BadSetting_ThrowsBeforeAddingAnything()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["Cluster:Provider"] = "Consul";
        var services = builder.Services.Count;

        var error = Assert.Throws<InvalidSettingException>(() => builder.AddOrleansStreamsClient());

        Assert.Equal("Invalid setting Cluster:Provider = 'Consul': allowed is one of Localhost, AdoNet.", error.Message);
        Assert.Equal(services, builder.Services.Count);
    }

    [Fact]
    public void AddOrleansStreams_OnTheApplicationsOwnClient_OnlyTheClientIsAdded()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddOrleansStreams());
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetRequiredService<IOrleansStreamsClient>());
        Assert.IsNotType<DeadlineConnectionRetryFilter>(host.Services.GetService<IClientConnectionRetryFilter>());
    }

    [Fact]
    public async Task DeadlineRetryFilter_TransientFailures_RetriedUntilTheConnectTimeoutThenNot()
    {
        var clock = new SteppingClock();
        var filter = new DeadlineConnectionRetryFilter(TimeSpan.FromSeconds(5), clock);
        var started = clock.GetUtcNow();
        var retries = 0;

        while (await clock.Drive(filter.ShouldRetryConnectionAttempt(new TimeoutException(), CancellationToken.None)))
        {
            retries++;
        }

        Assert.Equal(4, retries);
        Assert.Equal(TimeSpan.FromSeconds(4), clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task DeadlineRetryFilter_NotAConnectionProblem_NotRetried()
    {
        var filter = new DeadlineConnectionRetryFilter(TimeSpan.FromSeconds(5), new SteppingClock());

        Assert.False(await filter.ShouldRetryConnectionAttempt(new InvalidOperationException("bad options"), CancellationToken.None));
    }
}
