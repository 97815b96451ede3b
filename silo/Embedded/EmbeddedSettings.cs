using Microsoft.Extensions.Configuration;
using OrleansStreams.Generation;
using OrleansStreams.Configuration;

namespace OrleansStreams.Embedded;

/// <summary>
/// The embedded default: when <c>Kafka:BootstrapServers</c> is empty the silo runs the dev broker
/// in-process (section <c>OrleansStreams:DevBroker</c>) and, unless disabled, the load generator (section <c>OrleansStreams:Generator</c>).
/// </summary>
public sealed class EmbeddedSettings
{
    /// <summary>Whether the silo runs the in-process dev broker.</summary>
    public bool BrokerEnabled { get; init; }

    /// <summary><c>DevBroker:Listen</c>: where the dev broker listens, so any Kafka tool can watch it.</summary>
    /// <value>Defaults to 127.0.0.1:9092.</value>
    public string Listen { get; init; } = "127.0.0.1:9092";

    /// <summary><c>DevBroker:DataDirectory</c>, relative to the working directory.</summary>
    /// <value>Defaults to data/kafka.</value>
    public string DataDirectory { get; init; } = Path.Combine("data", "kafka");

    /// <summary><c>DevBroker:Partitions</c>: partitions of the input topics it creates.</summary>
    /// <value>Defaults to 4.</value>
    public int Partitions { get; init; } = 4;

    /// <summary><c>Generator:Enabled</c>: whether the load generator produces into the demo input topic.</summary>
    /// <value>Defaults to <see langword="true"/> with the embedded broker, <see langword="false"/> otherwise.</value>
    public bool GeneratorEnabled { get; init; }

    /// <summary>The generator's options (<c>Generator:Rate</c>, <c>Generator:Total</c>, <c>Generator:Keys</c>, ...).</summary>
    public GeneratorOptions Generator { get; init; } = new();

    /// <summary><c>Progress:Interval</c>: how often the silo prints a progress line; 0 for never.</summary>
    /// <value>Defaults to 5 s with the embedded broker, 0 otherwise.</value>
    public TimeSpan ProgressInterval { get; init; }

    /// <summary>Reads and validates the sections.</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <param name="kafka">The Kafka settings (an empty bootstrap list means embedded).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static EmbeddedSettings Read(IConfiguration configuration, KafkaSettings kafka) =>
        Read(new SettingSections(configuration), kafka);

    /// <summary>Reads and validates the sections <paramref name="sections"/> finds.</summary>
    internal static EmbeddedSettings Read(SettingSections sections, KafkaSettings kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        var embedded = kafka.BootstrapServers is null;
        var broker = sections.Get("DevBroker");
        var generator = sections.Get("Generator");
        var listen = broker.ReadEndpoint("Listen", new System.Net.DnsEndPoint("127.0.0.1", 9092))!;
        return new EmbeddedSettings
        {
            BrokerEnabled = embedded,
            Listen = $"{listen.Host}:{listen.Port}",
            DataDirectory = Path.GetFullPath(broker.ReadString("DataDirectory", Path.Combine("data", "kafka"))!),
            Partitions = broker.ReadInt("Partitions", 4, 1, 1_000),
            GeneratorEnabled = generator.ReadBool("Enabled", embedded),
            Generator = new GeneratorOptions
            {
                Topic = generator.ReadString("Topic", DemoPipeline.InputTopic)!,
                Rate = generator.ReadDouble("Rate", 1_000, 0, 10_000_000),
                Total = generator.ReadLong("Total", 0, 0, long.MaxValue),
                Keys = generator.ReadInt("Keys", 1_000, 1, 10_000_000),
                Skew = generator.ReadDouble("Skew", 1.0, 0, 10),
                EventTimeSpeed = generator.ReadDouble("EventTimeSpeed", 1, 0.001, 1_000_000),
                LateShare = generator.ReadDouble("LateShare", 0.005, 0, 1),
                OutOfOrderShare = generator.ReadDouble("OutOfOrderShare", 0.05, 0, 1),
                UnreadableShare = generator.ReadDouble("UnreadableShare", 0.0005, 0, 1),
                Seed = generator.ReadInt("Seed", 7, int.MinValue, int.MaxValue),
            },
            ProgressInterval = sections.Get("Progress").ReadDuration("Interval", embedded ? TimeSpan.FromSeconds(5) : TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1)),
        };
    }
}
