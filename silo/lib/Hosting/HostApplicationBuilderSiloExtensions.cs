using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Turns a .NET host into an OrleansStreams silo.</summary>
public static class HostApplicationBuilderSiloExtensions
{
    /// <summary>
    /// Adds an Orleans silo that runs OrleansStreams: clustering from <c>OrleansStreams:Cluster</c>,
    /// everything else as <see cref="SiloBuilderOrleansStreamsExtensions.AddOrleansStreams"/> does.
    /// An application that configures its own silo calls that inside its <c>UseOrleans</c> instead.
    /// </summary>
    /// <param name="builder">The host builder; its configuration is read.</param>
    /// <param name="configure">Changes the options after they were read from configuration; optional.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidSettingException">A setting cannot be used; nothing was started.</exception>
    public static IHostApplicationBuilder AddOrleansStreams(this IHostApplicationBuilder builder, Action<OrleansStreamsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = ClusterSettings.Read(new SettingSections(builder.Configuration));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = cluster.ShutdownTimeout);
        builder.UseOrleans(silo => silo.UseOrleansStreamsClustering(cluster).AddOrleansStreams(configure));
        return builder;
    }
}
