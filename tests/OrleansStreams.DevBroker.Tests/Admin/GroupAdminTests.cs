using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using OrleansStreams.DevBroker.Tests.Produce;

namespace OrleansStreams.DevBroker.Tests.Admin;

public sealed class GroupAdminTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ListAndDescribeGroups_StableConsumerGroup_ShowsStateProtocolAndMember()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "watched", 2);
        using var consumer = broker.CreateConsumer("watchers", c => c.ClientId = "watcher-1");
        consumer.Subscribe("watched");
        await Poll.UntilAsync(() => consumer.Consume(TimeSpan.FromMilliseconds(50)) is null && consumer.Assignment.Count == 2, "the assignment");
        using var admin = broker.CreateAdmin();

        var listed = admin.ListGroups(Timeout);
        var described = await admin.DescribeConsumerGroupsAsync(["watchers"]);

        var group = Assert.Single(listed, g => g.Group == "watchers");
        Assert.Equal(("Stable", "consumer", "range"), (group.State, group.ProtocolType, group.Protocol));
        var member = Assert.Single(group.Members);
        Assert.Equal(("watcher-1", "/127.0.0.1"), (member.ClientId, member.ClientHost));
        var description = Assert.Single(described.ConsumerGroupDescriptions);
        Assert.Equal(ConsumerGroupState.Stable, description.State);
        Assert.Equal(2, Assert.Single(description.Members).Assignment.TopicPartitions.Count);
    }

    [Fact]
    public async Task DeleteGroupsAsync_EmptyGroupWithOffsets_OffsetsGoneButGroupWithMembersRefused()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "t");
        using (var committer = broker.CreateConsumer("empty-group"))
        {
            committer.Commit([new TopicPartitionOffset("t", 0, 5)]);
        }

        using var member = broker.CreateConsumer("busy-group");
        member.Subscribe("t");
        await Poll.UntilAsync(() => member.Consume(TimeSpan.FromMilliseconds(50)) is null && member.Assignment.Count == 1, "the assignment");
        using var admin = broker.CreateAdmin();

        var offsets = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("empty-group", [new TopicPartition("t", 0)])]);
        Assert.Equal(5, offsets.Single().Partitions.Single().Offset.Value);
        var error = await Assert.ThrowsAsync<DeleteGroupsException>(() => admin.DeleteGroupsAsync(["empty-group", "busy-group"]));

        Assert.Equal(ErrorCode.NoError, error.Results.Single(r => r.Group == "empty-group").Error.Code);
        Assert.Equal(ErrorCode.NonEmptyGroup, error.Results.Single(r => r.Group == "busy-group").Error.Code);
        var after = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions("empty-group", [new TopicPartition("t", 0)])]);
        Assert.Equal(Offset.Unset, after.Single().Partitions.Single().Offset);
    }

    [Fact]
    public async Task DeleteRecordsAndCreatePartitions_AdminCalls_LogStartMovesAndTopicGrows()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var producer = broker.CreateProducer();
        for (var i = 0; i < 5; i++)
        {
            await producer.ProduceAsync("trimmed", new Message<string?, string?> { Value = $"{i}" });
        }

        using var admin = broker.CreateAdmin();
        var deleted = await admin.DeleteRecordsAsync([new TopicPartitionOffset("trimmed", 0, 3)]);
        await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "trimmed", IncreaseTo = 3 }]);

        Assert.Equal(3, deleted.Single().Offset.Value);
        Assert.Equal(3, admin.GetMetadata("trimmed", Timeout).Topics.Single().Partitions.Count);
        using var consumer = broker.CreateConsumer("trimmed-reader", c => c.EnablePartitionEof = true);
        Assert.Equal((3L, 5L), Watermarks(consumer.QueryWatermarkOffsets(new TopicPartition("trimmed", 0), Timeout)));
        consumer.Assign(new TopicPartitionOffset("trimmed", 0, Offset.Beginning));
        Assert.Equal(["3", "4"], Poll.ConsumeToEnd(consumer, 1).Select(r => r.Message.Value));
        await broker.RestartAsync();
        using var afterRestart = broker.CreateConsumer("trimmed-reader");
        Assert.Equal((3L, 5L), Watermarks(afterRestart.QueryWatermarkOffsets(new TopicPartition("trimmed", 0), Timeout)));
    }

    private static (long, long) Watermarks(WatermarkOffsets offsets) => (offsets.Low.Value, offsets.High.Value);
}
