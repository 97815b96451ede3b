using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Client;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>A client process's host: <c>AddOrleansStreamsClient</c> with the given <c>Cluster:*</c> settings.</summary>
internal sealed class ClientHost : IDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host) => _host = host;

    public IOrleansStreamsClient Queries => _host.Services.GetRequiredService<IOrleansStreamsClient>();

    public IServiceProvider Services => _host.Services;

    public static async Task<ClientHost> StartAsync(Dictionary<string, string?> cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(cluster);
        builder.AddOrleansStreamsClient();
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host);
    }

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
