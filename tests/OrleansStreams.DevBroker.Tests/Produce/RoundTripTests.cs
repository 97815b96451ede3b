using System.Text;
using Confluent.Kafka;
using OrleansStreams.DevBroker.Tests.Infrastructure;

namespace OrleansStreams.DevBroker.Tests.Produce;

public sealed class RoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ProduceConsume_HeadersNullKeysEmptyValuesTimestamps_ComeBackAsSent()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var producer = broker.CreateProducer();
        var timestamp = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);
        var headers = new Headers { { "h1", Encoding.UTF8.GetBytes("v1") }, { "h2", null }, { "h1", [] } };
        var sent = new[]
        {
            new Message<string?, string?> { Key = "k1", Value = "v1", Headers = headers, Timestamp = new Timestamp(timestamp) },
            new Message<string?, string?> { Key = null, Value = "no key" },
            new Message<string?, string?> { Key = "empty", Value = "" },
            new Message<string?, string?> { Key = "null value", Value = null },
        };
        var offsets = new List<long>();
        foreach (var message in sent)
        {
            var result = await producer.ProduceAsync("round-trip", message);
            offsets.Add(result.Offset.Value);
        }

        Assert.Equal([0L, 1, 2, 3], offsets);
        using var consumer = broker.CreateConsumer("round-trip-reader");
        consumer.Assign(new TopicPartitionOffset("round-trip", 0, Offset.Beginning));
        var received = ConsumeMany(consumer, 4);

        Assert.Equal(["k1", null, "empty", "null value"], received.Select(r => r.Message.Key));
        Assert.Equal(["v1", "no key", "", null], received.Select(r => r.Message.Value));
        Assert.Equal(timestamp, received[0].Message.Timestamp.UtcDateTime);
        Assert.Equal(TimestampType.CreateTime, received[0].Message.Timestamp.Type);
        var h = received[0].Message.Headers;
        Assert.Equal(3, h.Count);
        Assert.Equal(["h1", "h2", "h1"], h.Select(x => x.Key));
        Assert.Equal("v1", Encoding.UTF8.GetString(h[0].GetValueBytes()));
        Assert.Null(h[1].GetValueBytes());
        Assert.Empty(h[2].GetValueBytes());
    }

    [Fact]
    public async Task ProduceConsume_LogAppendTimeTopic_BrokerStampsTheTimestamp()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using (var admin = broker.CreateAdmin())
        {
            await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "stamped", Configs = new() { ["message.timestamp.type"] = "LogAppendTime" } }]);
        }

        using var producer = broker.CreateProducer();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var sent = await producer.ProduceAsync("stamped", new Message<string?, string?> { Value = "v", Timestamp = new Timestamp(new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)) });

        using var consumer = broker.CreateConsumer("stamped-reader");
        consumer.Assign(new TopicPartitionOffset("stamped", 0, Offset.Beginning));
        var received = ConsumeMany(consumer, 1).Single();
        Assert.Equal(TimestampType.LogAppendTime, received.Message.Timestamp.Type);
        Assert.InRange(received.Message.Timestamp.UtcDateTime, before.UtcDateTime, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(TimestampType.LogAppendTime, sent.Timestamp.Type);
    }

    [Fact]
    public async Task ProduceConsume_RecordsNearTheSizeLimit_EachFetchedWhole()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var producer = broker.CreateProducer(c => c.BatchSize = 1_000_000);
        var values = Enumerable.Range(0, 4).Select(i => new string((char)('a' + i), 700_000)).ToList();
        foreach (var value in values)
        {
            producer.Produce("large", new Message<string?, string?> { Value = value });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        using var consumer = broker.CreateConsumer("large-reader", c => c.MaxPartitionFetchBytes = 100_000);
        consumer.Assign(new TopicPartitionOffset("large", 0, Offset.Beginning));

        Assert.Equal(values, ConsumeMany(consumer, 4).Select(r => r.Message.Value));
    }

    [Fact]
    public async Task Produce_AcksZero_NoResponseExpectedAndEveryRecordStored()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using (var producer = broker.CreateProducer(c => c.Acks = Acks.None))
        {
            for (var i = 0; i < 500; i++)
            {
                producer.Produce("fire-and-forget", new Message<string?, string?> { Value = $"{i}" }, report => Assert.False(report.Error.IsError, report.Error.Reason));
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        using var consumer = broker.CreateConsumer("acks-zero-reader");
        consumer.Assign(new TopicPartitionOffset("fire-and-forget", 0, Offset.Beginning));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"{i}"), ConsumeMany(consumer, 500).Select(r => r.Message.Value));
    }

    [Fact]
    public async Task StartAsync_DataDirectoryOfRunningBroker_RefusedWithIOException()
    {
        await using var broker = await TestBroker.StartAsync(output);

        await Assert.ThrowsAsync<IOException>(() => DevBroker.StartAsync(new DevBrokerOptions { DataDirectory = broker.DataDirectory }));
        using var producer = broker.CreateProducer();
        Assert.Equal(0, (await producer.ProduceAsync("still-serving", new Message<string?, string?> { Value = "v" })).Offset.Value);
    }

    private static List<ConsumeResult<string?, string?>> ConsumeMany(IConsumer<string?, string?> consumer, int count)
    {
        var results = new List<ConsumeResult<string?, string?>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (results.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                results.Add(result);
            }
        }

        return results;
    }
}
