using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Configuration;
using OrleansStreams.Embedded;
using OrleansStreams.Hosting;
using OrleansStreams.Ingress;

namespace Microsoft.Extensions.Hosting;

/// <summary>The runnable OrleansStreams host: the library plus the embedded default.</summary>
public static class HostApplicationBuilderRunnableHostExtensions
{
    /// <summary>
    /// The runnable host (<c>dotnet run --project silo</c>): <see cref="HostApplicationBuilderSiloExtensions.AddOrleansStreams"/>, and when
    /// <c>OrleansStreams:Kafka:BootstrapServers</c> is empty the embedded default — the dev broker in
    /// the process, the load generator, progress lines — and the demo pipeline when no other is registered.
    /// </summary>
    /// <param name="builder">The host builder; its configuration is read.</param>
    /// <param name="configure">Changes the options after they were read from configuration; optional.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidSettingException">A setting cannot be used; nothing was started.</exception>
    public static HostApplicationBuilder AddOrleansStreamsSilo(this HostApplicationBuilder builder, Action<OrleansStreamsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sections = new SettingSections(builder.Configuration);
        var kafka = KafkaSettings.Read(builder.Configuration);
        var embedded = EmbeddedSettings.Read(sections, kafka);
        var services = builder.Services;
        services.AddSingleton(embedded);
        services.AddSingleton(new FallbackPipeline(DemoPipeline.Create()));
        if (embedded.BrokerEnabled)
        {
            // Before the silo: the broker starts first and stops last.
            services.AddHostedService<EmbeddedBrokerService>();
        }

        builder.AddOrleansStreams(o =>
        {
            if (embedded.BrokerEnabled)
            {
                o.Kafka.BootstrapServers = embedded.Listen;
            }

            configure?.Invoke(o);
        });

        if (embedded.GeneratorEnabled)
        {
            services.AddHostedService<GeneratorService>();
        }

        if (embedded.ProgressInterval > TimeSpan.Zero)
        {
            services.AddHostedService(sp => new ProgressReporter(
                sp.GetRequiredService<PartitionOwnershipService>(),
                embedded.ProgressInterval,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ProgressReporter>>()));
        }

        return builder;
    }
}
