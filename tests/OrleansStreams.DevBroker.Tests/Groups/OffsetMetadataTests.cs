using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using OrleansStreams.DevBroker.Tests.Produce;

namespace OrleansStreams.DevBroker.Tests.Groups;

public sealed class OffsetMetadataTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OffsetCommit_MetadataString_ReturnedByOffsetFetchAfterRestart()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "meta");
        using (var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers))
        {
            Assert.Equal(ErrorCodes.None, await raw.CommitOffsetAsync("meta-group", "meta", 0, 17, "epoch=41"));
            Assert.Equal((ErrorCodes.None, 17L, "epoch=41"), await raw.FetchOffsetAsync("meta-group", "meta", 0));
            Assert.Equal(ErrorCodes.OffsetMetadataTooLarge, await raw.CommitOffsetAsync("meta-group", "meta", 0, 18, new string('m', 4097)));
            Assert.Equal(ErrorCodes.UnknownTopicOrPartition, await raw.CommitOffsetAsync("meta-group", "meta", 5, 18, "x"));
        }

        await broker.RestartAsync();

        using var again = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        Assert.Equal((ErrorCodes.None, 17L, "epoch=41"), await again.FetchOffsetAsync("meta-group", "meta", 0));
        Assert.Equal((ErrorCodes.None, -1L, ""), await again.FetchOffsetAsync("other-group", "meta", 0));
    }

    [Fact]
    public async Task TxnOffsetCommit_NoGenerationNoMember_MetadataVisibleOnlyAfterCommit()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "in");
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var (error, producerId, epoch) = await raw.InitProducerIdAsync("committer-0");
        Assert.Equal(ErrorCodes.None, error);

        Assert.Equal(ErrorCodes.None, await raw.AddOffsetsToTxnAsync("committer-0", producerId, epoch, "pipeline"));
        Assert.Equal(ErrorCodes.None, await raw.TxnOffsetCommitAsync("committer-0", producerId, epoch, "pipeline", "in", 0, 100, "epoch=42"));
        Assert.Equal((ErrorCodes.None, -1L, ""), await raw.FetchOffsetAsync("pipeline", "in", 0));
        Assert.Equal(ErrorCodes.None, await raw.EndTxnAsync("committer-0", producerId, epoch, commit: true));
        Assert.Equal((ErrorCodes.None, 100L, "epoch=42"), await raw.FetchOffsetAsync("pipeline", "in", 0));

        Assert.Equal(ErrorCodes.None, await raw.AddOffsetsToTxnAsync("committer-0", producerId, epoch, "pipeline"));
        Assert.Equal(ErrorCodes.None, await raw.TxnOffsetCommitAsync("committer-0", producerId, epoch, "pipeline", "in", 0, 200, "epoch=43"));
        Assert.Equal(ErrorCodes.None, await raw.EndTxnAsync("committer-0", producerId, epoch, commit: false));
        Assert.Equal((ErrorCodes.None, 100L, "epoch=42"), await raw.FetchOffsetAsync("pipeline", "in", 0));
    }

    [Fact]
    public async Task TxnOffsetCommit_GroupNotAddedToTransaction_InvalidTxnState()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "in");
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var (_, producerId, epoch) = await raw.InitProducerIdAsync("committer-1");

        Assert.Equal(ErrorCodes.InvalidTxnState, await raw.TxnOffsetCommitAsync("committer-1", producerId, epoch, "pipeline", "in", 0, 5, ""));
        Assert.Equal(ErrorCodes.InvalidProducerEpoch, await raw.AddOffsetsToTxnAsync("committer-1", producerId, (short)(epoch + 1), "pipeline"));
        Assert.Equal(ErrorCodes.InvalidProducerIdMapping, await raw.AddOffsetsToTxnAsync("committer-1", producerId + 1, epoch, "pipeline"));
        Assert.Equal(ErrorCodes.InvalidTxnState, await raw.EndTxnAsync("committer-1", producerId, epoch, commit: true));
    }
}
