using Confluent.Kafka;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using OrleansStreams.DevBroker.Tests.Produce;
using OrleansStreams.DevBroker.Tests.Transactions;

namespace OrleansStreams.DevBroker.Tests.Durability;

public sealed class RestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RestartAsync_PlainTransactionalAndOffsets_AllIntactAndProducersContinue()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "durable", 2);
        using var plain = broker.CreateProducer(c => c.EnableIdempotence = true);
        using var transactional = TransactionTests.TransactionalProducer(broker, "durable-txn");
        transactional.InitTransactions(Timeout);
        for (var i = 0; i < 20; i++)
        {
            await plain.ProduceAsync(new TopicPartition("durable", i % 2), new Message<string?, string?> { Value = $"plain-{i}" });
        }

        await TransactionTests.RunTransactionAsync(transactional, "durable", ["committed-1"], commit: true);
        await TransactionTests.RunTransactionAsync(transactional, "durable", ["aborted-1"], commit: false);
        transactional.BeginTransaction();
        await transactional.ProduceAsync("durable", new Message<string?, string?> { Key = "open", Value = "open-across-restart" });
        using (var consumer = broker.CreateConsumer("durable-group"))
        {
            consumer.Commit([new TopicPartitionOffset("durable", 0, 7), new TopicPartitionOffset("durable", 1, 3)]);
        }

        await broker.RestartAsync();

        transactional.CommitTransaction(Timeout);
        await TransactionTests.RunTransactionAsync(transactional, "durable", ["committed-2"], commit: true);
        for (var i = 20; i < 24; i++)
        {
            await plain.ProduceAsync(new TopicPartition("durable", i % 2), new Message<string?, string?> { Value = $"plain-{i}" });
        }

        var expectedPlain = Enumerable.Range(0, 24).Select(i => $"plain-{i}");
        Assert.Equal(
            expectedPlain.Concat(["committed-1", "open-across-restart", "committed-2"]).Order(),
            TransactionTests.ReadAll(broker, "durable", 2, IsolationLevel.ReadCommitted).Order());
        Assert.Contains("aborted-1", TransactionTests.ReadAll(broker, "durable", 2, IsolationLevel.ReadUncommitted));
        using var restarted = broker.CreateConsumer("durable-group");
        var committed = restarted.Committed([new TopicPartition("durable", 0), new TopicPartition("durable", 1)], Timeout);
        Assert.Equal([7L, 3L], committed.Select(c => c.Offset.Value));
    }

    [Fact]
    public async Task StartAsync_TornTailsInLogAndJournal_CutOffAndServingResumes()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using (var producer = broker.CreateProducer())
        {
            for (var i = 0; i < 5; i++)
            {
                await producer.ProduceAsync("torn", new Message<string?, string?> { Value = $"kept-{i}" });
            }
        }

        await broker.Broker.StopAsync();
        var log = Directory.GetFiles(Path.Combine(broker.DataDirectory, "logs"), "0.log", SearchOption.AllDirectories).Single();
        var intactLength = new FileInfo(log).Length;
        var lastBatch = (await File.ReadAllBytesAsync(log))[^80..];
        await AppendAsync(log, lastBatch[..50]);
        await AppendAsync(Path.Combine(broker.DataDirectory, "broker.journal"), [0, 0, 0, 40, 1, 2, 3]);

        await broker.RestartAsync();

        Assert.Equal(intactLength, new FileInfo(log).Length);
        using var producerAfter = broker.CreateProducer();
        var next = await producerAfter.ProduceAsync("torn", new Message<string?, string?> { Value = "after" });
        Assert.Equal(5, next.Offset.Value);
        Assert.Equal(
            ["kept-0", "kept-1", "kept-2", "kept-3", "kept-4", "after"],
            TransactionTests.ReadAll(broker, "torn", 1, IsolationLevel.ReadCommitted));
    }

    private static async Task AppendAsync(string path, byte[] bytes)
    {
        await using var file = new FileStream(path, FileMode.Append);
        await file.WriteAsync(bytes);
    }
}
