using Confluent.Kafka;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using OrleansStreams.DevBroker.Tests.Produce;

namespace OrleansStreams.DevBroker.Tests.Transactions;

public sealed class TransactionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CommitAndAbort_ReadCommittedSeesOnlyCommitted_ReadUncommittedSeesBoth()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "txn", 2);
        using var producer = TransactionalProducer(broker, "txn-a");
        producer.InitTransactions(Timeout);
        await RunTransactionAsync(producer, "txn", ["c1", "c2"], commit: true);
        await RunTransactionAsync(producer, "txn", ["a1", "a2"], commit: false);
        await RunTransactionAsync(producer, "txn", ["c3"], commit: true);

        Assert.Equal(["c1", "c2", "c3"], ReadAll(broker, "txn", 2, IsolationLevel.ReadCommitted).Order());
        Assert.Equal(["a1", "a2", "c1", "c2", "c3"], ReadAll(broker, "txn", 2, IsolationLevel.ReadUncommitted).Order());
    }

    [Fact]
    public async Task OpenTransaction_ReadCommittedConsumer_StopsAtItsFirstOffsetUntilCommitted()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "lso");
        using var plain = broker.CreateProducer();
        await plain.ProduceAsync("lso", new Message<string?, string?> { Value = "before" });
        using var transactional = TransactionalProducer(broker, "lso-txn");
        transactional.InitTransactions(Timeout);
        transactional.BeginTransaction();
        var first = await transactional.ProduceAsync("lso", new Message<string?, string?> { Value = "in-txn" });
        await plain.ProduceAsync("lso", new Message<string?, string?> { Value = "after" });

        using var committed = broker.CreateConsumer("lso-reader", c => c.IsolationLevel = IsolationLevel.ReadCommitted);
        committed.Assign(new TopicPartitionOffset("lso", 0, Offset.Beginning));
        Assert.Equal("before", Poll.Consume(committed, 1)[0].Message.Value);
        Assert.Null(committed.Consume(TimeSpan.FromSeconds(1)));
        Assert.Equal(first.Offset.Value, committed.QueryWatermarkOffsets(new TopicPartition("lso", 0), Timeout).High.Value);

        transactional.CommitTransaction(Timeout);

        Assert.Equal(["in-txn", "after"], Poll.Consume(committed, 2).Select(r => r.Message.Value));
        Assert.Equal(4, committed.QueryWatermarkOffsets(new TopicPartition("lso", 0), Timeout).High.Value);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task SendOffsetsToTransaction_CommitOrAbort_OffsetsVisibleOnlyAfterCommit(bool manualAssign, bool commit)
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "in");
        using var consumer = broker.CreateConsumer("offsets-group");
        if (manualAssign)
        {
            consumer.Assign(new TopicPartitionOffset("in", 0, Offset.Beginning));
        }
        else
        {
            using var plain = broker.CreateProducer();
            await plain.ProduceAsync("in", new Message<string?, string?> { Value = "x" });
            consumer.Subscribe("in");
            Poll.Consume(consumer, 1);
        }

        using var producer = TransactionalProducer(broker, $"offsets-{manualAssign}-{commit}");
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        await producer.ProduceAsync("out", new Message<string?, string?> { Value = "result" });
        producer.SendOffsetsToTransaction([new TopicPartitionOffset("in", 0, 42)], consumer.ConsumerGroupMetadata, Timeout);
        Assert.Equal(Offset.Unset, Committed(broker, "offsets-group", IsolationLevel.ReadUncommitted));

        if (commit)
        {
            producer.CommitTransaction(Timeout);
        }
        else
        {
            producer.AbortTransaction(Timeout);
        }

        Assert.Equal(commit ? new Offset(42) : Offset.Unset, Committed(broker, "offsets-group", IsolationLevel.ReadCommitted));
    }

    [Fact]
    public async Task InitTransactions_SecondProducerSameTransactionalId_FencesFirstWhoseCommitFails()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "fence");
        using var zombie = TransactionalProducer(broker, "fenced-id");
        zombie.InitTransactions(Timeout);
        zombie.BeginTransaction();
        await zombie.ProduceAsync("fence", new Message<string?, string?> { Value = "zombie" });

        using var successor = TransactionalProducer(broker, "fenced-id");
        successor.InitTransactions(Timeout);
        await RunTransactionAsync(successor, "fence", ["successor"], commit: true);

        var error = Assert.ThrowsAny<KafkaException>(() => zombie.CommitTransaction(Timeout));
        Assert.True(error.Error.IsFatal, error.Error.ToString());
        Assert.Equal(["successor"], ReadAll(broker, "fence", 1, IsolationLevel.ReadCommitted));
    }

    [Fact]
    public async Task Transaction_OpenPastItsTimeout_AbortedByBrokerAndProducerFenced()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, "timeout");
        using var producer = TransactionalProducer(broker, "slow", c =>
        {
            c.TransactionTimeoutMs = 1500;
            c.MessageTimeoutMs = 1500;
        });
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        await producer.ProduceAsync("timeout", new Message<string?, string?> { Value = "abandoned" });
        using var plain = broker.CreateProducer();
        await plain.ProduceAsync("timeout", new Message<string?, string?> { Value = "plain" });

        using var reader = broker.CreateConsumer("timeout-reader", c => c.IsolationLevel = IsolationLevel.ReadCommitted);
        reader.Assign(new TopicPartitionOffset("timeout", 0, Offset.Beginning));
        Assert.Equal("plain", Poll.Consume(reader, 1)[0].Message.Value);

        var error = Assert.ThrowsAny<KafkaException>(() => producer.CommitTransaction(Timeout));
        Assert.True(error.Error.IsFatal, error.Error.ToString());
        Assert.Equal(["plain"], ReadAll(broker, "timeout", 1, IsolationLevel.ReadCommitted));
    }

    internal static IProducer<string?, string?> TransactionalProducer(TestBroker broker, string transactionalId, Action<ProducerConfig>? configure = null) =>
        broker.CreateProducer(c =>
        {
            c.TransactionalId = transactionalId;
            c.TransactionTimeoutMs = 30_000;
            configure?.Invoke(c);
        });

    internal static async Task RunTransactionAsync(IProducer<string?, string?> producer, string topic, string[] values, bool commit)
    {
        producer.BeginTransaction();
        foreach (var value in values)
        {
            await producer.ProduceAsync(topic, new Message<string?, string?> { Key = value, Value = value });
        }

        if (commit)
        {
            producer.CommitTransaction(Timeout);
        }
        else
        {
            producer.AbortTransaction(Timeout);
        }
    }

    internal static List<string?> ReadAll(TestBroker broker, string topic, int partitions, IsolationLevel isolation)
    {
        using var consumer = broker.CreateConsumer($"reader-{Guid.NewGuid():N}", c =>
        {
            c.IsolationLevel = isolation;
            c.EnablePartitionEof = true;
        });
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        return [.. Poll.ConsumeToEnd(consumer, partitions).Select(r => r.Message.Value)];
    }

    /// <summary>The committed offset; read_committed asks for stable offsets only (OffsetFetch RequireStable), so it waits out pending ones.</summary>
    private static Offset Committed(TestBroker broker, string group, IsolationLevel isolation)
    {
        using var consumer = broker.CreateConsumer(group, c => c.IsolationLevel = isolation);
        return consumer.Committed([new TopicPartition("in", 0)], Timeout)[0].Offset;
    }
}
