using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Health;
using OrleansStreams.Hosting;
using OrleansStreams.Ingress;
using OrleansStreams.Queries;

namespace Orleans.Hosting;

/// <summary>Adds OrleansStreams to an Orleans silo.</summary>
public static class SiloBuilderOrleansStreamsExtensions
{
    /// <summary>
    /// Runs OrleansStreams pipelines on this silo: partition agents, committers, window state on the
    /// configured storage, live results, the query endpoint and telemetry. Settings are read from the
    /// silo's configuration section <c>OrleansStreams</c>, then <paramref name="configure"/> may change
    /// them; every value is checked before anything is registered. Clustering is left to the
    /// application: call this inside its own <c>UseOrleans</c>, next to its clustering and grains.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configure">Changes the options after they were read from configuration; optional.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="InvalidSettingException">A setting cannot be used; the message names the key, the value and what is allowed.</exception>
    public static ISiloBuilder AddOrleansStreams(this ISiloBuilder silo, Action<OrleansStreamsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var sections = new SettingSections(silo.Configuration);
        var options = new OrleansStreamsOptions();
        options.Bind(sections);
        configure?.Invoke(options);
        options.Validate(sections);
        Register(silo, options, sections);
        return silo;
    }

    private static void Register(ISiloBuilder silo, OrleansStreamsOptions options, SettingSections sections)
    {
        var services = silo.Services;

        // First of this library's hosted services: the HTTP ports are claimed before anything else starts.
        services.AddHostedService<EndpointClaims>();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options.Kafka);
        services.AddSingleton(options.Processing);
        services.AddSingleton(options.Storage);
        services.AddSingleton(options.Health);
        foreach (var pipeline in options.Pipelines)
        {
            services.AddOrleansStreamsPipeline(pipeline);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SettingsReport>();
        services.AddHostedService<SiloLifetimeLogger>();
        services.AddOrleansStreamsTelemetry(options.Metrics, sections.Get(MetricsSettings.SectionName).Key("Listen"));

        var kafka = options.Kafka;
        services.AddSingleton(new KafkaConnection(kafka.BootstrapServers!, kafka.GroupId, kafka.Client.AsReadOnly()));
        services.AddSingleton(new CommitterOptions
        {
            Guarantee = options.Processing.Guarantee,
            TransactionTimeout = options.Processing.TransactionTimeout,
            FlushConcurrency = options.Processing.FlushConcurrency,
        });
        services.AddSingleton<IEpochSinkFactory, KafkaEpochSinkFactory>();
        var pipelinesKey = sections.Get(PipelineSettings.SectionName).Path;
        services.AddSingleton(sp => PipelineRegistryFor(sp, pipelinesKey));
        services.AddSingleton<TopicAdmin>();
        services.AddSingleton<IPartitionSourceFactory, KafkaPartitionSourceFactory>();
        services.AddSingleton<PartitionAgentFactory>();

        silo.AddOrleansStreamsStorage(options.Storage);

        // Live results: committers publish, clients subscribe (see ResultStreams).
        silo.AddMemoryStreams(ResultStreams.ProviderName);
        silo.AddStreamFilter<ResultKeyFilter>(ResultStreams.ProviderName);

        // Orleans registers its silo service before running the UseOrleans delegate that calls this, so
        // these start after the silo is active and stop before it stops.
        services.AddSingleton<PartitionOwnershipService>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionOwnershipService>());
        services.AddHostedService<PartitionStatusReporter>();
        services.AddOrleansStreamsHealthChecks();
        if (options.Query.Enabled)
        {
            var listen = new ClaimedEndpoint(options.Query.Listen, sections.Get(QuerySettings.SectionName).Key("Listen"));
            services.AddSingleton(listen);
            services.AddHostedService(sp => new QueryHttpServer(listen, sp, sp.GetRequiredService<ILogger<QueryHttpServer>>()));
        }
    }

    private static PipelineRegistry PipelineRegistryFor(IServiceProvider services, string pipelinesKey)
    {
        var pipelines = services.GetServices<OrleansStreams.Pipelines.PipelineDefinition>().ToList();
        if (pipelines.Count == 0 && services.GetService<FallbackPipeline>() is { } fallback)
        {
            pipelines.Add(fallback.Definition);
        }

        return pipelines.Count > 0
            ? new PipelineRegistry(pipelines)
            : throw new InvalidSettingException(
                pipelinesKey,
                null,
                $"at least one pipeline: configured under {pipelinesKey}:<name>, or added in code with AddOrleansStreams(o => o.Pipelines.Add(...)) or services.AddOrleansStreamsPipeline(...)");
    }
}
