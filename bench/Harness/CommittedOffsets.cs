using Confluent.Kafka;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// Reads the offsets a pipeline's consumer group has committed (what the silo stores as the safe
/// offset of each epoch: transactionally in exactly-once, plainly in at-least-once), to tell when the
/// pipeline has finished the input. By default a read waits while a transaction holds pending offsets
/// (librdkafka's read_committed consumers ask for stable offsets); with <c>waitForPending: false</c> it
/// answers at once with the offsets committed so far, for a system whose transactions are nearly always
/// open on some partition (the peer benchmark's raw pipe).
/// </summary>
internal sealed class CommittedOffsets(string bootstrap, string groupId, string topic, int partitions, bool waitForPending = true) : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrap,
        GroupId = groupId,
        EnableAutoCommit = false,
        IsolationLevel = waitForPending ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
    }).SetLogHandler((_, _) => { }).Build();

    /// <summary>The committed offset of every partition; 0 where none is committed yet.</summary>
    public long[] Read()
    {
        var committed = _consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10));
        var offsets = new long[partitions];
        foreach (var c in committed)
        {
            offsets[c.Partition.Value] = Math.Max(0, c.Offset.Value);
        }

        return offsets;
    }

    /// <summary>Committed records summed over partitions, compared with <paramref name="ends"/>.</summary>
    public (long Committed, bool Done) Progress(long[] ends)
    {
        var offsets = Read();
        var done = true;
        for (var p = 0; p < partitions; p++)
        {
            done &= offsets[p] >= ends[p];
        }

        return (offsets.Sum(), done);
    }

    public void Dispose() => _consumer.Dispose();
}
