using OrleansStreams.Pipelines;

namespace OrleansStreams.Configuration;

/// <summary>
/// Everything an OrleansStreams silo runs with, bound from the <c>OrleansStreams</c> configuration
/// section (<c>OrleansStreams:Kafka</c>, <c>OrleansStreams:Processing</c>, ...) and then changed in
/// code by the delegate given to <c>AddOrleansStreams</c>. The defaults are the property
/// initializers of each settings type; every value is checked after the delegate ran.
/// </summary>
/// <example>
/// <code>
/// builder.UseOrleans(silo => silo
///     .UseLocalhostClustering()
///     .AddOrleansStreams(o =>
///     {
///         o.Kafka.BootstrapServers = "kafka-1:9092,kafka-2:9092";
///         o.Storage.Provider = StorageProvider.PostgreSql;
///         o.Storage.ConnectionString = "Host=db;Database=orleansstreams;Username=silo;Password=...";
///         o.Pipelines.Add(Pipeline.Create("sensors").From("readings").To("aggregates")...Build());
///     }));
/// </code>
/// </example>
public sealed class OrleansStreamsOptions
{
    /// <summary>The configuration section every OrleansStreams setting lives under.</summary>
    public const string SectionName = SettingSections.RootName;

    /// <summary><c>OrleansStreams:Kafka</c>: how to reach Kafka and how partition agents read it.</summary>
    public KafkaSettings Kafka { get; } = new();

    /// <summary><c>OrleansStreams:Processing</c>: how and how often epochs commit.</summary>
    public ProcessingSettings Processing { get; } = new();

    /// <summary><c>OrleansStreams:Storage</c>: where window and committer state lives.</summary>
    public StorageSettings Storage { get; } = new();

    /// <summary><c>OrleansStreams:Metrics</c>: metrics, traces and their exporters.</summary>
    public MetricsSettings Metrics { get; } = new();

    /// <summary><c>OrleansStreams:Query</c>: the HTTP endpoint serving state and status.</summary>
    public QuerySettings Query { get; } = new();

    /// <summary><c>OrleansStreams:Health</c>: what the readiness check tolerates.</summary>
    public HealthSettings Health { get; } = new();

    /// <summary>
    /// The pipelines this silo runs: those of <c>OrleansStreams:Pipelines</c>, then those added here in code.
    /// Pipelines added with <c>services.AddOrleansStreamsPipeline</c> run too.
    /// </summary>
    public IList<PipelineDefinition> Pipelines { get; } = new List<PipelineDefinition>();

    /// <summary>Reads every section <paramref name="sections"/> finds into these options.</summary>
    /// <exception cref="InvalidSettingException">A value cannot be read or is not allowed.</exception>
    internal void Bind(SettingSections sections)
    {
        if (sections.FirstUnknown() is { } unknown)
        {
            throw new InvalidSettingException(unknown.Path, unknown.Value ?? "(a section)", $"one of the sections {string.Join(", ", SettingSections.Known)} (this one is unknown)");
        }

        Kafka.Bind(sections.Get(KafkaSettings.SectionName));
        ProcessingSettings.Table.Bind(sections.Get(ProcessingSettings.SectionName), Processing);
        StorageSettings.Table.Bind(sections.Get(StorageSettings.SectionName), Storage);
        MetricsSettings.Table.Bind(sections.Get(MetricsSettings.SectionName), Metrics);
        QuerySettings.Table.Bind(sections.Get(QuerySettings.SectionName), Query);
        HealthSettings.Table.Bind(sections.Get(HealthSettings.SectionName), Health);
        foreach (var pipeline in PipelineSettings.Read(sections))
        {
            Pipelines.Add(pipeline);
        }
    }

    /// <summary>
    /// Checks every value (also those set in code) and completes the storage connection string;
    /// the keys in errors are those <paramref name="sections"/> reads.
    /// </summary>
    /// <exception cref="InvalidSettingException">The first value that is not allowed.</exception>
    internal void Validate(SettingSections sections)
    {
        var failure = Kafka.Check(sections.Get(KafkaSettings.SectionName))
            ?? ProcessingSettings.Table.Check(sections.Get(ProcessingSettings.SectionName), Processing)
            ?? MetricsSettings.Table.Check(sections.Get(MetricsSettings.SectionName), Metrics)
            ?? QuerySettings.Table.Check(sections.Get(QuerySettings.SectionName), Query)
            ?? HealthSettings.Table.Check(sections.Get(HealthSettings.SectionName), Health);
        if (failure is not null)
        {
            throw failure;
        }

        if (string.IsNullOrWhiteSpace(Kafka.BootstrapServers))
        {
            throw new InvalidSettingException(sections.Get(KafkaSettings.SectionName).Key("BootstrapServers"), null, "host:port[,host:port...] of the Kafka brokers");
        }

        Storage.Complete(sections.Get(StorageSettings.SectionName));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pipeline in Pipelines)
        {
            if (pipeline is null || !names.Add(pipeline.Name))
            {
                throw new InvalidSettingException(
                    $"{sections.Get(PipelineSettings.SectionName).Path}",
                    pipeline?.Name,
                    "pipelines with distinct names (a pipeline is configured or added twice)");
            }
        }
    }
}
