using OrleansStreams.Configuration;

namespace OrleansStreams.Silo.Tests.Configuration;

public sealed class KafkaSettingsTests
{
    [Fact]
    public void Read_NoKafkaSection_UsesEmbeddedBrokerAndDefaults()
    {
        var settings = KafkaSettings.Read(TestConfiguration.Build());

        Assert.Null(settings.BootstrapServers);
        Assert.Equal(KafkaSettings.DefaultGroupId, settings.GroupId);
        Assert.Equal("orleans-streams", settings.GroupId);
        Assert.Equal(OffsetReset.Earliest, settings.AutoOffsetReset);
        Assert.Equal(16 * 1024 * 1024, settings.FetchMaxBytes);
        Assert.Equal(1024 * 1024, settings.MaxPartitionFetchBytes);
        Assert.Equal(128, settings.MaxInFlight);
        Assert.Equal(500, settings.MaxBatchRecords);
        Assert.Equal(50_000, settings.MaxBufferedRecords);
        Assert.True(settings.CreateTopics);
        Assert.Empty(settings.Client);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Read_BlankBootstrapServers_MeansEmbeddedBroker(string servers)
    {
        var settings = Read(("BootstrapServers", servers));

        Assert.Null(settings.BootstrapServers);
    }

    [Theory]
    [InlineData("kafka:9092", "kafka:9092")]
    [InlineData(" kafka-1:9092,kafka-2:9093 , 10.0.0.7:19092 ", "kafka-1:9092,kafka-2:9093 , 10.0.0.7:19092")]
    [InlineData("[::1]:9092", "[::1]:9092")]
    public void Read_BootstrapServerList_IsKeptForTheClients(string servers, string expected)
    {
        var settings = Read(("BootstrapServers", servers));

        Assert.Equal(expected, settings.BootstrapServers);
    }

    [Fact]
    public void Read_EveryValueSet_BindsEachOne()
    {
        var settings = Read(
            ("BootstrapServers", "broker:9092"),
            ("GroupId", "team.orders_v2-eu"),
            ("AutoOffsetReset", "latest"),
            ("FetchMaxBytes", "2048"),
            ("MaxPartitionFetchBytes", "4096"),
            ("MaxInFlight", "8"),
            ("MaxBatchRecords", "1000"),
            ("MaxBufferedRecords", "100"),
            ("CreateTopics", "False"));

        Assert.Equal("broker:9092", settings.BootstrapServers);
        Assert.Equal("team.orders_v2-eu", settings.GroupId);
        Assert.Equal(OffsetReset.Latest, settings.AutoOffsetReset);
        Assert.Equal(2048, settings.FetchMaxBytes);
        Assert.Equal(4096, settings.MaxPartitionFetchBytes);
        Assert.Equal(8, settings.MaxInFlight);
        Assert.Equal(1000, settings.MaxBatchRecords);
        Assert.Equal(100, settings.MaxBufferedRecords);
        Assert.False(settings.CreateTopics);
    }

    [Fact]
    public void Read_ClientSection_PassesEveryPropertyThroughUnchanged()
    {
        var settings = Read(
            ("Client:security.protocol", "SASL_SSL"),
            ("Client:sasl.mechanism", "PLAIN"),
            ("Client:sasl.username", "silo"),
            ("Client:sasl.password", "s3cret"),
            ("Client:ssl.ca.location", "/etc/ssl/ca.pem"));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["security.protocol"] = "SASL_SSL",
                ["sasl.mechanism"] = "PLAIN",
                ["sasl.username"] = "silo",
                ["sasl.password"] = "s3cret",
                ["ssl.ca.location"] = "/etc/ssl/ca.pem",
            },
            settings.Client);
    }

    [Theory]
    [InlineData("BootstrapServers", "localhost",
        "Invalid setting Kafka:BootstrapServers = 'localhost': allowed is host:port[,host:port...], or empty for the embedded dev broker.")]
    [InlineData("GroupId", "my group",
        "Invalid setting Kafka:GroupId = 'my group': allowed is 1-249 letters, digits, '.', '_' or '-'.")]
    [InlineData("AutoOffsetReset", "newest",
        "Invalid setting Kafka:AutoOffsetReset = 'newest': allowed is one of Earliest, Latest.")]
    [InlineData("MaxInFlight", "0",
        "Invalid setting Kafka:MaxInFlight = '0': allowed is an integer from 1 to 100000.")]
    [InlineData("CreateTopics", "yes",
        "Invalid setting Kafka:CreateTopics = 'yes': allowed is true or false.")]
    [InlineData("Client:bootstrap.servers", "other:9092",
        "Invalid setting Kafka:Client:bootstrap.servers = 'other:9092': allowed is any librdkafka property except 'bootstrap.servers', which OrleansStreams sets itself (use Kafka:BootstrapServers).")]
    [InlineData("Client:acks", "1",
        "Invalid setting Kafka:Client:acks = '1': allowed is any librdkafka property except 'acks', which OrleansStreams sets itself (always all: exactly-once needs it).")]
    [InlineData("Client:fetch.max.bytes", "1000",
        "Invalid setting Kafka:Client:fetch.max.bytes = '1000': allowed is any librdkafka property except 'fetch.max.bytes', which OrleansStreams sets itself (use Kafka:FetchMaxBytes).")]
    public void Read_BadValue_ThrowsOneLineNamingKeyValueAndAllowed(string key, string value, string expected)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal(expected, e.Message);
        Assert.Equal($"Kafka:{key}", e.Key);
        Assert.Equal(value, e.Value);
    }

    [Theory]
    [InlineData("BootstrapServers", "kafka:9092,kafka")]
    [InlineData("BootstrapServers", "kafka:0")]
    [InlineData("BootstrapServers", "kafka:65536")]
    [InlineData("BootstrapServers", "kafka:port")]
    [InlineData("BootstrapServers", ":9092")]
    [InlineData("GroupId", "orders/eu")]
    [InlineData("GroupId", "..")]
    [InlineData("AutoOffsetReset", "1")]
    [InlineData("FetchMaxBytes", "1023")]
    [InlineData("FetchMaxBytes", "1GB")]
    [InlineData("MaxPartitionFetchBytes", "268435457")]
    [InlineData("MaxInFlight", "100001")]
    [InlineData("MaxBatchRecords", "-1")]
    [InlineData("MaxBufferedRecords", "99")]
    [InlineData("MaxBufferedRecords", "1e6")]
    [InlineData("CreateTopics", "1")]
    [InlineData("Client:group.id", "mine")]
    [InlineData("Client:transactional.id", "mine")]
    [InlineData("Client:enable.auto.commit", "true")]
    [InlineData("Client:isolation.level", "read_uncommitted")]
    [InlineData("Client:enable.idempotence", "false")]
    [InlineData("Client:transaction.timeout.ms", "1000")]
    [InlineData("Client:enable.auto.offset.store", "true")]
    [InlineData("Client:auto.offset.reset", "latest")]
    [InlineData("Client:max.partition.fetch.bytes", "1000")]
    [InlineData("Client:enable.partition.eof", "true")]
    [InlineData("Client:allow.auto.create.topics", "true")]
    public void Read_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read((key, value)));

        Assert.Equal($"Kafka:{key}", e.Key);
        Assert.StartsWith($"Invalid setting Kafka:{key} = '{value}': allowed is ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GroupId")]
    [InlineData("AutoOffsetReset")]
    [InlineData("MaxInFlight")]
    [InlineData("CreateTopics")]
    public void Read_BlankValue_UsesTheDefault(string key)
    {
        var settings = Read((key, " "));

        Assert.Equal(
            (KafkaSettings.DefaultGroupId, OffsetReset.Earliest, KafkaSettings.DefaultMaxInFlight, true),
            (settings.GroupId, settings.AutoOffsetReset, settings.MaxInFlight, settings.CreateTopics));
    }

    [Fact]
    public void Read_ClientPropertyWithChildren_ThrowsNamingTheProperty()
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read(("Client:sasl:username", "silo")));

        Assert.Equal("Invalid setting Kafka:Client:sasl = '(a section)': allowed is a librdkafka property value.", e.Message);
    }

    [Theory]
    [InlineData("Earliest, Latest")]
    [InlineData("Latest,Earliest")]
    public void Read_CombinationOfOffsetResets_IsRejected(string value)
    {
        var e = Assert.Throws<InvalidSettingException>(() => Read(("AutoOffsetReset", value)));

        Assert.Equal($"Invalid setting Kafka:AutoOffsetReset = '{value}': allowed is one of Earliest, Latest.", e.Message);
    }

    private static KafkaSettings Read(params (string Key, string? Value)[] values) =>
        KafkaSettings.Read(TestConfiguration.Section(KafkaSettings.SectionName, values));
}
