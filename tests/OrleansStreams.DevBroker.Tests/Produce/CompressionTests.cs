using System.Buffers.Binary;
using Confluent.Kafka;
using OrleansStreams.DevBroker.Tests.Infrastructure;

namespace OrleansStreams.DevBroker.Tests.Produce;

public sealed class CompressionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CompressionType.Gzip, 1)]
    [InlineData(CompressionType.Snappy, 2)]
    [InlineData(CompressionType.Lz4, 3)]
    [InlineData(CompressionType.Zstd, 4)]
    public async Task ProduceConsume_CompressedBatches_StoredCompressedAndReadBack(CompressionType compression, int codec)
    {
        await using var broker = await TestBroker.StartAsync(output);
        var topic = $"compressed-{codec}";
        await IdempotenceTests.CreateTopicAsync(broker, topic);
        using (var producer = broker.CreateProducer(c => c.CompressionType = compression))
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce(topic, new Message<string?, string?> { Key = $"key-{i}", Value = new string('x', 200) + i });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        using var consumer = broker.CreateConsumer($"{topic}-reader", c => c.EnablePartitionEof = true);
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var values = Poll.ConsumeToEnd(consumer, 1).Select(r => r.Message.Value).ToList();

        Assert.Equal(Enumerable.Range(0, 100).Select(i => new string('x', 200) + i), values);
        var log = Directory.GetFiles(Path.Combine(broker.DataDirectory, "logs"), "0.log", SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(Path.GetDirectoryName(f)!).StartsWith(topic + ".", StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(log);
        Assert.True(bytes.Length < 100 * 200, $"log of {bytes.Length} bytes is not compressed");
        Assert.Equal(codec, BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(21)) & 0x07);
    }
}
