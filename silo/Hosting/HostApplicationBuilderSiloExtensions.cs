using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansStreams.Configuration;
using OrleansStreams.Embedded;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Hosting;
using OrleansStreams.Ingress;
using OrleansStreams.Queries;

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
        var kafka = KafkaSettings.Read(builder.Configuration);
        var processing = ProcessingSettings.Read(builder.Configuration);
        var storage = StorageSettings.Read(builder.Configuration);
        var configuredPipelines = PipelineSettings.Read(builder.Configuration);
        var embedded = EmbeddedSettings.Read(builder.Configuration, kafka);
        var metrics = MetricsSettings.Read(builder.Configuration);
        var query = QuerySettings.Read(builder.Configuration);

        var services = builder.Services;
        services.AddSingleton(cluster);
        services.AddSingleton(kafka);
        services.AddSingleton(processing);
        services.AddSingleton(storage);
        services.AddSingleton(embedded);
        foreach (var pipeline in configuredPipelines)
        {
            services.AddOrleansStreamsPipeline(pipeline);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = cluster.ShutdownTimeout);
        services.AddHostedService<SiloLifetimeLogger>();
        services.AddOrleansStreamsTelemetry(metrics, cluster.SiloName);

        services.AddSingleton(new KafkaConnection(kafka.BootstrapServers ?? embedded.Listen, kafka.GroupId, kafka.Client));
        services.AddSingleton(new CommitterOptions
        {
            Guarantee = processing.Guarantee,
            TransactionTimeout = processing.TransactionTimeout,
            FlushConcurrency = processing.FlushConcurrency,
        });
        services.AddSingleton(sp =>
        {
            var pipelines = sp.GetServices<OrleansStreams.Pipelines.PipelineDefinition>().ToList();
            return new PipelineRegistry(pipelines.Count > 0 ? pipelines : [DemoPipeline.Create()]);
        });
        services.AddSingleton<TopicAdmin>();
        services.AddSingleton<IPartitionSourceFactory, KafkaPartitionSourceFactory>();
        services.AddSingleton<PartitionAgentFactory>();

        if (embedded.BrokerEnabled)
        {
            // Before the silo: the broker starts first and stops last.
            services.AddHostedService<EmbeddedBrokerService>();
        }

        builder.UseOrleans(silo =>
        {
            silo.UseOrleansStreamsClustering(cluster);
            silo.AddOrleansStreamsStorage(storage);

            // Live results: committers publish, clients subscribe (see ResultStreams).
            silo.AddMemoryStreams(ResultStreams.ProviderName);
            silo.AddStreamFilter<ResultKeyFilter>(ResultStreams.ProviderName);
        });

        // Registered after the silo, so it starts after the silo is active and stops before it stops.
        services.AddSingleton<PartitionOwnershipService>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionOwnershipService>());
        services.AddHostedService<PartitionStatusReporter>();
        if (query.Enabled)
        {
            var listen = ListenEndpoint.Claim(query.Listen, $"{QuerySettings.SectionName}:Listen");
            services.AddHostedService(sp => new QueryHttpServer(listen, sp, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QueryHttpServer>>()));
        }
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
