using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansStreams.Configuration;
using OrleansStreams.Storage;

namespace OrleansStreams.Bench.Storage;

/// <summary>
/// A real silo (localhost clustering) with the storage configured exactly as production does
/// (<c>AddOrleansStreamsStorage</c>, schema installer included); writers call the silo's
/// <see cref="IGrainStorage"/> as a grain's <c>WriteStateAsync</c> does, one grain each.
/// </summary>
internal sealed class GrainStorageWriters : IAsyncDisposable
{
    private const string StateName = "bench";
    private readonly IHost _host;
    private readonly IGrainStorage _storage;

    private GrainStorageWriters(IHost host)
    {
        _host = host;
        _storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
    }

    /// <summary>Starts the silo.</summary>
    /// <param name="settings">The storage settings.</param>
    /// <param name="configure">Registers the grain storage; null for <c>AddOrleansStreamsStorage(settings)</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<GrainStorageWriters> StartAsync(StorageSettings settings, Action<ISiloBuilder>? configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning); // stdout is the table
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "bench", clusterId: "bench");
            if (configure is null)
            {
                silo.AddOrleansStreamsStorage(settings);
            }
            else
            {
                configure(silo);
            }
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new GrainStorageWriters(host);
    }

    /// <summary>A writer for grain <paramref name="index"/>: each call writes its state once, with the right ETag.</summary>
    public Func<Task> CreateWriter(int index, string payload)
    {
        var grainId = GrainId.Create("benchgrain", $"pipeline/key-{index}");
        var state = new GrainState<string>(payload);
        return () => _storage.WriteStateAsync(StateName, grainId, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
