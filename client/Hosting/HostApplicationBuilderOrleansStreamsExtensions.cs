using OrleansStreams.Client.Hosting;
using OrleansStreams.Client;
using OrleansStreams.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Connects a .NET host to an OrleansStreams cluster.</summary>
public static class HostApplicationBuilderOrleansStreamsExtensions
{
    /// <summary>
    /// Adds an Orleans client configured from the <c>Cluster</c> section (the silos' keys: <c>Provider</c>
    /// <c>Localhost</c> or <c>AdoNet</c>, <c>ClusterId</c>, <c>ServiceId</c>, <c>GatewayPort</c>,
    /// <c>ConnectionString</c>; and the client's: <c>Gateways</c>, a comma-separated <c>host:port</c> list
    /// for Localhost, default <c>127.0.0.1:GatewayPort</c>; <c>ConnectTimeout</c>, default 10 s) and
    /// registers <see cref="IOrleansStreamsClient"/>. The host's start fails when the cluster cannot be
    /// reached within the connect timeout.
    /// </summary>
    /// <param name="builder">The host builder; its configuration is read.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidSettingException">A <c>Cluster</c> setting cannot be used; nothing was added.</exception>
    public static IHostApplicationBuilder AddOrleansStreamsClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClientClusterSettings.Read(builder.Configuration);
        builder.UseOrleansClient(client => client.UseOrleansStreamsClustering(settings).AddOrleansStreams());
        return builder;
    }
}
