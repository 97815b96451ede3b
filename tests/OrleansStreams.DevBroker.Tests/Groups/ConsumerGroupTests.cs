using System.Collections.Concurrent;
using Confluent.Kafka;
using OrleansStreams.DevBroker.Tests.Infrastructure;
using OrleansStreams.DevBroker.Tests.Produce;

namespace OrleansStreams.DevBroker.Tests.Groups;

public sealed class ConsumerGroupTests(ITestOutputHelper output)
{
    private const string Topic = "group-topic";

    [Theory]
    [InlineData(PartitionAssignmentStrategy.Range)]
    [InlineData(PartitionAssignmentStrategy.CooperativeSticky)]
    public async Task Subscribe_ThreeMembersLeaveAndJoin_EveryPartitionOwnedByExactlyOneMember(PartitionAssignmentStrategy strategy)
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, Topic, 6);
        await using var a = new PollingMember(broker, "members", strategy);
        await using var b = new PollingMember(broker, "members", strategy);
        await using var c = new PollingMember(broker, "members", strategy);

        await Poll.UntilAsync(() => OwnsAllExactlyOnce([a, b, c]) && a.Owned.Count == 2 && b.Owned.Count == 2, "three members sharing six partitions");

        await b.DisposeAsync();
        await Poll.UntilAsync(() => OwnsAllExactlyOnce([a, c]), "the others taking over after a member left");

        await using var d = new PollingMember(broker, "members", strategy);
        await Poll.UntilAsync(() => OwnsAllExactlyOnce([a, c, d]) && d.Owned.Count == 2, "a new member getting its share");
    }

    [Fact]
    public async Task Commit_MembersRestart_ResumeFromCommittedOffsets()
    {
        await using var broker = await TestBroker.StartAsync(output);
        await IdempotenceTests.CreateTopicAsync(broker, Topic, 6);
        using (var producer = broker.CreateProducer())
        {
            for (var i = 0; i < 60; i++)
            {
                producer.Produce(new TopicPartition(Topic, i % 6), new Message<string?, string?> { Value = $"first-{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using (var consumer = broker.CreateConsumer("resume"))
        {
            consumer.Subscribe(Topic);
            var first = Poll.Consume(consumer, 60);
            consumer.Commit(first.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)));
            consumer.Close();
        }

        using (var producer = broker.CreateProducer())
        {
            for (var i = 0; i < 12; i++)
            {
                producer.Produce(new TopicPartition(Topic, i % 6), new Message<string?, string?> { Value = $"second-{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using var restarted = broker.CreateConsumer("resume");
        restarted.Subscribe(Topic);
        var second = Poll.Consume(restarted, 12);

        Assert.All(second, r => Assert.StartsWith("second-", r.Message.Value, StringComparison.Ordinal));
        Assert.Null(restarted.Consume(TimeSpan.FromMilliseconds(500)));
        Assert.All(restarted.Committed(TimeSpan.FromSeconds(10)), c => Assert.Equal(10, c.Offset.Value));
    }

    private static bool OwnsAllExactlyOnce(IReadOnlyList<PollingMember> members)
    {
        var owned = members.SelectMany(m => m.Owned).ToList();
        return owned.Count == 6 && owned.Distinct().Count() == 6;
    }

    /// <summary>A group member polling on its own thread, tracking the partitions it owns.</summary>
    private sealed class PollingMember : IAsyncDisposable
    {
        private readonly IConsumer<string?, string?> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly ConcurrentDictionary<int, bool> _owned = new();

        public PollingMember(TestBroker broker, string group, PartitionAssignmentStrategy strategy)
        {
            _consumer = new ConsumerBuilder<string?, string?>(new ConsumerConfig
            {
                BootstrapServers = broker.BootstrapServers,
                GroupId = group,
                SessionTimeoutMs = 6000,
                HeartbeatIntervalMs = 100,
                FetchWaitMaxMs = 100,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                PartitionAssignmentStrategy = strategy,
            })
                .SetPartitionsAssignedHandler((consumer, partitions) =>
                {
                    foreach (var p in partitions)
                    {
                        _owned[p.Partition.Value] = true;
                    }
                })
                .SetPartitionsRevokedHandler((consumer, partitions) =>
                {
                    foreach (var p in partitions)
                    {
                        _owned.TryRemove(p.Partition.Value, out _);
                    }
                })
                .SetPartitionsLostHandler((consumer, partitions) =>
                {
                    foreach (var p in partitions)
                    {
                        _owned.TryRemove(p.Partition.Value, out _);
                    }
                })
                .Build();
            _consumer.Subscribe(Topic);
            _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
        }

        public IReadOnlyCollection<int> Owned => [.. _owned.Keys];

        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            await _stop.CancelAsync();
            await _loop;
            _consumer.Close();
            _consumer.Dispose();
            _owned.Clear();
        }

        private void Run()
        {
            while (!_stop.IsCancellationRequested)
            {
                _consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
