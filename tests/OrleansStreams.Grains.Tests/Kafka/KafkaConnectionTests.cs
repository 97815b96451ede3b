using Confluent.Kafka;
using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Grains.Tests.Kafka;

public sealed class KafkaConnectionTests
{
    [Fact]
    public void Producer_ClientProperties_ReachItAndWinOverTheThroughputDefaults()
    {
        var kafka = new KafkaConnection("broker:9092", "orleans-streams", new Dictionary<string, string>
        {
            ["security.protocol"] = "SASL_SSL",
            ["linger.ms"] = "50",
            ["compression.type"] = "zstd",
        });

        var producer = kafka.Producer("orleans-streams.sensors.0", TimeSpan.FromSeconds(60));

        Assert.Equal(("SASL_SSL", "50", "zstd"), (producer.Get("security.protocol"), producer.Get("linger.ms"), producer.Get("compression.type")));
        Assert.Equal((true, Acks.All, "orleans-streams.sensors.0", 60_000), (producer.EnableIdempotence, producer.Acks, producer.TransactionalId, producer.TransactionTimeoutMs));
    }

    [Fact]
    public void Producer_NoClientProperties_ThroughputDefaults()
    {
        var producer = new KafkaConnection("broker:9092", "orleans-streams", new Dictionary<string, string>()).Producer(null, TimeSpan.FromSeconds(60));

        Assert.Equal(("5", "lz4", "broker:9092"), (producer.Get("linger.ms"), producer.Get("compression.type"), producer.BootstrapServers));
        Assert.Null(producer.TransactionalId);
    }

    [Fact]
    public void Consumer_ClientProperties_ReachIt_ReadCommittedAlways()
    {
        var consumer = new KafkaConnection("broker:9092", "orleans-streams", new Dictionary<string, string> { ["sasl.username"] = "silo" }).Consumer("orleans-streams.sensors");

        Assert.Equal(("silo", IsolationLevel.ReadCommitted, false, "orleans-streams.sensors"), (consumer.SaslUsername, consumer.IsolationLevel, consumer.EnableAutoCommit, consumer.GroupId));
    }
}
