using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Time.Testing;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.Tests.Infrastructure;

namespace OrleansStreams.DevBroker.Tests.Transactions;

public sealed class TransactionTimeoutTests
{
    [Fact]
    public async Task TransactionTimeout_FakeClockPassesIt_AbortedWithBumpedEpochAndOffsetsDiscarded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var dataDirectory = Path.Combine(Path.GetTempPath(), "devbroker-tests", Guid.NewGuid().ToString("N"));
        await using var broker = await DevBroker.StartAsync(new DevBrokerOptions
        {
            DataDirectory = dataDirectory,
            TransactionTimeoutCheckInterval = TimeSpan.FromMilliseconds(100),
        }, time: time);
        try
        {
            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build())
            {
                await admin.CreateTopicsAsync([new TopicSpecification { Name = "in" }]);
            }

            using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
            var (_, producerId, epoch) = await raw.InitProducerIdAsync("slow-committer", timeoutMs: 10_000);
            await raw.AddOffsetsToTxnAsync("slow-committer", producerId, epoch, "pipeline");
            await raw.TxnOffsetCommitAsync("slow-committer", producerId, epoch, "pipeline", "in", 0, 5, "epoch=1");

            time.Advance(TimeSpan.FromSeconds(9.9));
            var beforeTimeout = await raw.AddOffsetsToTxnAsync("slow-committer", producerId, epoch, "pipeline");
            time.Advance(TimeSpan.FromSeconds(0.2));
            var afterTimeout = await raw.EndTxnAsync("slow-committer", producerId, epoch, commit: true);

            Assert.Equal(ErrorCodes.None, beforeTimeout);
            Assert.Equal(ErrorCodes.InvalidProducerEpoch, afterTimeout);
            Assert.Equal((ErrorCodes.None, -1L, ""), await raw.FetchOffsetAsync("pipeline", "in", 0));
            Assert.Equal((ErrorCodes.None, producerId, (short)(epoch + 2)), await raw.InitProducerIdAsync("slow-committer"));
        }
        finally
        {
            await broker.StopAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
