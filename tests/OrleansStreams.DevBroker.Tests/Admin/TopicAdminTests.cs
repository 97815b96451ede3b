using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansStreams.DevBroker.Tests.Infrastructure;

namespace OrleansStreams.DevBroker.Tests.Admin;

public sealed class TopicAdminTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ProduceAsync_UnknownTopic_AutoCreatedWithDefaultPartitions()
    {
        await using var broker = await TestBroker.StartAsync(output, o => o.DefaultPartitions = 3);
        using var producer = broker.CreateProducer();

        var result = await producer.ProduceAsync("auto", new Message<string?, string?> { Value = "v" });

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        using var admin = broker.CreateAdmin();
        var topic = Assert.Single(admin.GetMetadata("auto", Timeout).Topics);
        Assert.Equal(3, topic.Partitions.Count);
        Assert.All(topic.Partitions, p => Assert.Equal(1, p.Leader));
    }

    [Fact]
    public async Task ProduceAsync_AutoCreateOff_UnknownTopicError()
    {
        await using var broker = await TestBroker.StartAsync(output, o => o.AutoCreateTopics = false);
        using var producer = broker.CreateProducer(c => c.MessageTimeoutMs = 2000);

        var error = await Assert.ThrowsAsync<ProduceException<string?, string?>>(() => producer.ProduceAsync("missing", new Message<string?, string?> { Value = "v" }));

        Assert.Contains(error.Error.Code, new[] { ErrorCode.UnknownTopicOrPart, ErrorCode.Local_UnknownTopic, ErrorCode.Local_MsgTimedOut });
        using var admin = broker.CreateAdmin();
        Assert.Equal(ErrorCode.UnknownTopicOrPart, admin.GetMetadata("missing", Timeout).Topics.Single().Error.Code);
    }

    [Fact]
    public async Task CreateTopicsAsync_PartitionsAndConfigs_DescribedAsCreated()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var admin = broker.CreateAdmin();

        await admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = "explicit", NumPartitions = 4, Configs = new() { ["retention.ms"] = "1000", ["cleanup.policy"] = "compact" } },
            new TopicSpecification { Name = "defaults" },
        ]);

        var metadata = admin.GetMetadata(Timeout);
        Assert.Equal(4, metadata.Topics.Single(t => t.Topic == "explicit").Partitions.Count);
        Assert.Single(metadata.Topics.Single(t => t.Topic == "defaults").Partitions);
        var described = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "explicit" }]);
        var configs = described.Single().Entries;
        Assert.Equal("1000", configs["retention.ms"].Value);
        Assert.Equal(ConfigSource.DynamicTopicConfig, configs["retention.ms"].Source);
        Assert.Equal("compact", configs["cleanup.policy"].Value);
        Assert.Equal("1048588", configs["max.message.bytes"].Value);
        Assert.True(configs["max.message.bytes"].IsDefault);
    }

    [Fact]
    public async Task CreateTopicsAsync_InvalidRequests_KafkaErrorsPerTopic()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var admin = broker.CreateAdmin();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "taken" }]);

        var error = await Assert.ThrowsAsync<CreateTopicsException>(() => admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = "taken" },
            new TopicSpecification { Name = "bad name!" },
            new TopicSpecification { Name = "replicated", ReplicationFactor = 3 },
            new TopicSpecification { Name = "badconfig", Configs = new() { ["no.such.config"] = "1" } },
            new TopicSpecification { Name = "fine" },
        ]));

        var byName = error.Results.ToDictionary(r => r.Topic, r => r.Error.Code);
        Assert.Equal(ErrorCode.TopicAlreadyExists, byName["taken"]);
        Assert.Equal(ErrorCode.TopicException, byName["bad name!"]);
        Assert.Equal(ErrorCode.InvalidReplicationFactor, byName["replicated"]);
        Assert.Equal(ErrorCode.InvalidConfig, byName["badconfig"]);
        Assert.Equal(ErrorCode.NoError, byName["fine"]);
    }

    [Fact]
    public async Task DeleteTopicsAsync_TopicWithData_GoneAndRecreatedEmpty()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var producer = broker.CreateProducer();
        await producer.ProduceAsync("doomed", new Message<string?, string?> { Value = "old" });
        using var admin = broker.CreateAdmin();

        await admin.DeleteTopicsAsync(["doomed"]);

        Assert.DoesNotContain(admin.GetMetadata(Timeout).Topics, t => t.Topic == "doomed");
        var error = await Assert.ThrowsAsync<DeleteTopicsException>(() => admin.DeleteTopicsAsync(["doomed"]));
        Assert.Equal(ErrorCode.UnknownTopicOrPart, error.Results.Single().Error.Code);
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "doomed" }]);
        using var consumer = broker.CreateConsumer("doomed-reader");
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition("doomed", 0), Timeout);
        Assert.Equal((0L, 0L), (watermarks.Low.Value, watermarks.High.Value));
    }

    [Fact]
    public async Task OffsetsForTimes_RecordsWithTimestamps_FirstRecordAtOrAfterEachTime()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var producer = broker.CreateProducer(c => c.LingerMs = 50);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 10; i++)
        {
            producer.Produce("times", new Message<string?, string?> { Value = $"{i}", Timestamp = new Timestamp(start.AddMinutes(i)) });
        }

        producer.Flush(Timeout);
        using var consumer = broker.CreateConsumer("times-reader");

        long OffsetFor(DateTime time) =>
            consumer.OffsetsForTimes([new TopicPartitionTimestamp("times", 0, new Timestamp(time))], Timeout).Single().Offset.Value;

        Assert.Equal(0, OffsetFor(start.AddDays(-1)));
        Assert.Equal(3, OffsetFor(start.AddMinutes(3)));
        Assert.Equal(5, OffsetFor(start.AddSeconds(270)));
        Assert.Equal(Offset.End.Value, OffsetFor(start.AddHours(1)));
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition("times", 0), Timeout);
        Assert.Equal((0L, 10L), (watermarks.Low.Value, watermarks.High.Value));
    }
}
