using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using OrleansStreams.DevBroker.Tests.Produce;

namespace OrleansStreams.DevBroker.Tests.Durability;

public sealed class JournalCompactionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Compact_WhileCommittersRun_JournalStaysSmallAndStateSurvivesRestart()
    {
        await using var broker = await TestBroker.StartAsync(output, o =>
        {
            o.JournalCompactionBytes = 4096;
            o.JournalCompactionCheckInterval = TimeSpan.FromMilliseconds(10);
        });
        await IdempotenceTests.CreateTopicAsync(broker, "in");
        var journal = Path.Combine(broker.DataDirectory, "broker.journal");
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var (_, producerId, epoch) = await raw.InitProducerIdAsync("committer");
        long largest = 0;
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(ErrorCodes.None, await raw.AddOffsetsToTxnAsync("committer", producerId, epoch, "pipeline"));
            Assert.Equal(ErrorCodes.None, await raw.TxnOffsetCommitAsync("committer", producerId, epoch, "pipeline", "in", 0, i, $"epoch={i}"));
            Assert.Equal(ErrorCodes.None, await raw.EndTxnAsync("committer", producerId, epoch, commit: i % 10 != 9));
            Assert.Equal(ErrorCodes.None, await raw.CommitOffsetAsync("plain", "in", 0, i, $"m{i}"));
            largest = Math.Max(largest, new FileInfo(journal).Length);
        }

        Assert.True(largest < 64 * 1024, $"journal grew to {largest} bytes");
        await broker.RestartAsync();

        using var again = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        Assert.Equal((ErrorCodes.None, 298L, "epoch=298"), await again.FetchOffsetAsync("pipeline", "in", 0));
        Assert.Equal((ErrorCodes.None, 299L, "m299"), await again.FetchOffsetAsync("plain", "in", 0));
        Assert.Equal((ErrorCodes.None, producerId, (short)(epoch + 1)), await again.InitProducerIdAsync("committer"));
    }
}
