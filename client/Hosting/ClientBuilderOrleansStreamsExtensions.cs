using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansStreams.Client;
using Orleans.Streams;
using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace Orleans.Hosting;

/// <summary>Adds the OrleansStreams client to an application that configures its own Orleans client.</summary>
public static class ClientBuilderOrleansStreamsExtensions
{
    /// <summary>
    /// Registers <see cref="IOrleansStreamsClient"/> over this Orleans client, and the results stream
    /// provider its watches subscribe through (memory streams named <see cref="ResultStreams.ProviderName"/>,
    /// as the silos name theirs). Clustering, connection retries and everything else stay as the
    /// application configures them.
    /// </summary>
    /// <param name="client">The Orleans client builder.</param>
    /// <returns>The same builder.</returns>
    public static IClientBuilder AddOrleansStreams(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.TryAddSingleton(TimeProvider.System);
        client.AddMemoryStreams(ResultStreams.ProviderName);
        client.Services.TryAddSingleton<IOrleansStreamsClient>(sp => new OrleansStreamsClient(
            new OrleansQueryTransport(sp.GetRequiredService<IGrainFactory>(), () => sp.GetRequiredKeyedService<IStreamProvider>(ResultStreams.ProviderName)),
            sp.GetRequiredService<TimeProvider>(),
            (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger<IOrleansStreamsClient>() ?? NullLogger.Instance));
        return client;
    }
}
