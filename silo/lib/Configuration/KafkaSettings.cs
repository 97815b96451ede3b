using Microsoft.Extensions.Configuration;
using OrleansStreams.Client.Hosting;

namespace OrleansStreams.Configuration;

/// <summary>The <c>Kafka</c> section: how to reach Kafka and how partition agents read it.</summary>
public sealed class KafkaSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Kafka";

    /// <summary>
    /// Client properties OrleansStreams sets itself, because exactly-once or its own settings depend on
    /// them, with the setting to use instead where there is one. Everything else in <c>Kafka:Client</c>
    /// reaches every client as given (also <c>linger.ms</c>, <c>compression.type</c> and
    /// <c>queued.max.messages.kbytes</c>, which otherwise have OrleansStreams' defaults).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FixedClientProperties = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = " (use Kafka:BootstrapServers)",
        ["group.id"] = " (use Kafka:GroupId)",
        ["transactional.id"] = " (from Kafka:GroupId)",
        ["transaction.timeout.ms"] = " (use Processing:TransactionTimeout)",
        ["enable.idempotence"] = " (always true: exactly-once needs it)",
        ["acks"] = " (always all: exactly-once needs it)",
        ["enable.auto.commit"] = " (offsets commit with each epoch)",
        ["enable.auto.offset.store"] = " (offsets commit with each epoch)",
        ["isolation.level"] = " (always read_committed)",
        ["auto.offset.reset"] = " (use Kafka:AutoOffsetReset)",
        ["fetch.max.bytes"] = " (use Kafka:FetchMaxBytes)",
        ["max.partition.fetch.bytes"] = " (use Kafka:MaxPartitionFetchBytes)",
        ["enable.partition.eof"] = string.Empty,
        ["allow.auto.create.topics"] = " (use Kafka:CreateTopics)",
    };

    /// <summary>Default prefix of consumer group and transactional ids.</summary>
    public const string DefaultGroupId = "orleans-streams";

    /// <summary>Default key-grain calls in flight per partition.</summary>
    public const int DefaultMaxInFlight = 128;

    /// <summary>Default records per key-grain call.</summary>
    public const int DefaultMaxBatchRecords = 500;

    /// <summary>Default records read but not yet below the safe offset, per partition.</summary>
    public const int DefaultMaxBufferedRecords = 50_000;

    /// <summary>
    /// The Kafka bootstrap servers, <c>host:port[,host:port...]</c>. Empty runs the embedded dev broker.
    /// </summary>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Prefix of the consumer groups that store input offsets (<c>&lt;GroupId&gt;.&lt;pipeline&gt;</c>) and of the
    /// committers' transactional ids (<c>&lt;GroupId&gt;.&lt;pipeline&gt;.&lt;partition&gt;</c>).
    /// </summary>
    /// <value>Defaults to <see cref="DefaultGroupId"/>.</value>
    public string GroupId { get; set; } = DefaultGroupId;

    /// <summary>Where a partition without a committed offset starts.</summary>
    /// <value>Defaults to <see cref="OffsetReset.Earliest"/>.</value>
    public OffsetReset AutoOffsetReset { get; set; } = OffsetReset.Earliest;

    /// <summary>Consumer <c>fetch.max.bytes</c>.</summary>
    public int FetchMaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Consumer <c>max.partition.fetch.bytes</c>.</summary>
    public int MaxPartitionFetchBytes { get; set; } = 1024 * 1024;

    /// <summary>Key-grain calls in flight per partition.</summary>
    /// <value>Defaults to <see cref="DefaultMaxInFlight"/>.</value>
    public int MaxInFlight { get; set; } = DefaultMaxInFlight;

    /// <summary>Records per key-grain call.</summary>
    /// <value>Defaults to <see cref="DefaultMaxBatchRecords"/>.</value>
    public int MaxBatchRecords { get; set; } = DefaultMaxBatchRecords;

    /// <summary>Records read but not yet below the safe offset, per partition; reading pauses above it.</summary>
    /// <value>Defaults to <see cref="DefaultMaxBufferedRecords"/>.</value>
    public int MaxBufferedRecords { get; set; } = DefaultMaxBufferedRecords;

    /// <summary>Whether the silo creates missing output, late and dead-letter topics at start.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CreateTopics { get; set; } = true;

    /// <summary>
    /// Client properties passed unchanged to every Confluent.Kafka client of the silo, e.g. <c>Kafka:Client:security.protocol</c>
    /// or <c>Kafka:Client:sasl.username</c>; none of <see cref="FixedClientProperties"/>. Values are never logged.
    /// </summary>
    public IDictionary<string, string> Client { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every setting of the section but <see cref="Client"/>: how it is read and what is allowed.</summary>
    internal static SettingTable<KafkaSettings> Table { get; } = new SettingTable<KafkaSettings>()
        .String(o => o.BootstrapServers, IsServerList, "host:port[,host:port...], or empty for the embedded dev broker")
        .String(o => o.GroupId, OrleansStreams.Pipelines.PipelineNames.IsValid, "1-249 letters, digits, '.', '_' or '-'")
        .Enum(o => o.AutoOffsetReset)
        .Int(o => o.FetchMaxBytes, 1024, 1024 * 1024 * 1024)
        .Int(o => o.MaxPartitionFetchBytes, 1024, 256 * 1024 * 1024)
        .Int(o => o.MaxInFlight, 1, 100_000)
        .Int(o => o.MaxBatchRecords, 1, 100_000)
        .Int(o => o.MaxBufferedRecords, 100, 10_000_000)
        .Bool(o => o.CreateTopics);

    /// <summary>Reads and validates the section (<c>OrleansStreams:Kafka</c>, or the top-level <c>Kafka</c> of earlier releases).</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static KafkaSettings Read(IConfiguration configuration)
    {
        var section = new SettingSections(configuration).Get(SectionName);
        var settings = new KafkaSettings();
        settings.Bind(section);
        return settings;
    }

    /// <summary>Sets the properties <paramref name="section"/> has, <see cref="Client"/> entry by entry.</summary>
    internal void Bind(IConfiguration section)
    {
        Table.Bind(section, this, "Client");
        foreach (var entry in section.GetSection("Client").GetChildren())
        {
            if (entry.Value is null)
            {
                throw new InvalidSettingException(entry.Path, "(a section)", "a librdkafka property value");
            }

            Client[entry.Key] = entry.Value;
            if (CheckClientProperty(section, entry.Key) is { } invalid)
            {
                throw invalid;
            }
        }
    }

    /// <summary>The first setting outside what is allowed, named by its key in <paramref name="section"/>.</summary>
    internal InvalidSettingException? Check(IConfiguration section) =>
        Table.Check(section, this) ?? Client.Keys.Select(key => CheckClientProperty(section, key)).FirstOrDefault(e => e is not null);

    private InvalidSettingException? CheckClientProperty(IConfiguration section, string key) =>
        FixedClientProperties.TryGetValue(key, out var instead)
            ? new InvalidSettingException(section.Key($"Client:{key}"), Client[key], $"any librdkafka property except '{key}', which OrleansStreams sets itself{instead}")
            : null;

    private static bool IsServerList(string servers) =>
        servers.Split(',').All(s => HostPort.TryParse(s.Trim(), out _));
}
