using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Configuration;
using OrleansStreams.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Turns a .NET host into an OrleansStreams silo.</summary>
public static class HostApplicationBuilderSiloExtensions
{
    /// <summary>
    /// Reads and validates every OrleansStreams setting, then adds the Orleans silo with the
    /// configured clustering, storage and pipelines.
    /// </summary>
    /// <param name="builder">The host builder; its configuration is read.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidSettingException">A setting cannot be used; nothing was started.</exception>
    public static HostApplicationBuilder AddOrleansStreamsSilo(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = ClusterSettings.Read(builder.Configuration);
        var storage = StorageSettings.Read(builder.Configuration);

        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = cluster.ShutdownTimeout);
        builder.Services.AddHostedService<SiloLifetimeLogger>();
        builder.UseOrleans(silo => silo.UseOrleansStreamsClustering(cluster).AddOrleansStreamsStorage(storage));
        return builder;
    }
}
