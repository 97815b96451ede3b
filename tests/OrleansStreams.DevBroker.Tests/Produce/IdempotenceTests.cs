using Confluent.Kafka;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using TopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansStreams.DevBroker.Tests.Produce;

public sealed class IdempotenceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Produce_SameBatchTwice_AcknowledgedWithOriginalOffsetAndStoredOnce()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await CreateTopicAsync(broker, "dup");
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var (initError, producerId, epoch) = await raw.InitProducerIdAsync(null);
        Assert.Equal(ErrorCodes.None, initError);

        var first = await raw.ProduceAsync("dup", 0, RawRequests.Batch(producerId, epoch, 0, false, "a", "b"));
        var retry = await raw.ProduceAsync("dup", 0, RawRequests.Batch(producerId, epoch, 0, false, "a", "b"));
        var next = await raw.ProduceAsync("dup", 0, RawRequests.Batch(producerId, epoch, 2, false, "c"));

        Assert.Equal((ErrorCodes.None, 0L), first);
        Assert.Equal((ErrorCodes.None, 0L), retry);
        Assert.Equal((ErrorCodes.None, 2L), next);
        using var consumer = broker.CreateConsumer("dup-reader", c => c.EnablePartitionEof = true);
        consumer.Assign(new TopicPartitionOffset("dup", 0, Offset.Beginning));
        Assert.Equal(["a", "b", "c"], Poll.ConsumeToEnd(consumer, 1).Select(r => r.Message.Value));
    }

    [Fact]
    public async Task Produce_SequenceGap_OutOfOrderSequenceAndNothingStored()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await CreateTopicAsync(broker, "gap");
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var (_, producerId, epoch) = await raw.InitProducerIdAsync(null);

        await raw.ProduceAsync("gap", 0, RawRequests.Batch(producerId, epoch, 0, false, "a"));
        var gap = await raw.ProduceAsync("gap", 0, RawRequests.Batch(producerId, epoch, 5, false, "b"));
        var stale = await raw.ProduceAsync("gap", 0, RawRequests.Batch(producerId, (short)(epoch - 1), 1, false, "c"));

        Assert.Equal(ErrorCodes.OutOfOrderSequenceNumber, gap.Error);
        Assert.Equal(ErrorCodes.InvalidProducerEpoch, stale.Error);
        using var consumer = broker.CreateConsumer("gap-reader");
        Assert.Equal(1, consumer.QueryWatermarkOffsets(new TopicPartition("gap", 0), TimeSpan.FromSeconds(10)).High.Value);
    }

    [Fact]
    public async Task Produce_CorruptChecksum_CorruptMessageAndNothingStored()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await CreateTopicAsync(broker, "crc");
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var batch = RawRequests.Batch(-1, -1, -1, false, "payload");
        batch[^1] ^= 0xFF;

        var result = await raw.ProduceAsync("crc", 0, batch);

        Assert.Equal(ErrorCodes.CorruptMessage, result.Error);
        using var consumer = broker.CreateConsumer("crc-reader");
        Assert.Equal(0, consumer.QueryWatermarkOffsets(new TopicPartition("crc", 0), TimeSpan.FromSeconds(10)).High.Value);
    }

    [Fact]
    public async Task ProduceAsync_IdempotentProducerManyInFlight_EachRecordStoredExactlyOnceInOrder()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var producer = broker.CreateProducer(c =>
        {
            c.EnableIdempotence = true;
            c.BatchNumMessages = 10;
            c.MaxInFlight = 5;
        });
        var tasks = Enumerable.Range(0, 2000).Select(i => producer.ProduceAsync("idempotent", new Message<string?, string?> { Key = "k", Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToList();
        await Task.WhenAll(tasks);

        using var consumer = broker.CreateConsumer("idempotent-reader", c => c.EnablePartitionEof = true);
        consumer.Assign(new TopicPartitionOffset("idempotent", 0, Offset.Beginning));
        var values = Poll.ConsumeToEnd(consumer, 1).Select(r => int.Parse(r.Message.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 2000), values);
    }

    internal static async Task CreateTopicAsync(TestBroker broker, string topic, int partitions = 1)
    {
        using var admin = broker.CreateAdmin();
        await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = topic, NumPartitions = partitions }]);
    }
}
