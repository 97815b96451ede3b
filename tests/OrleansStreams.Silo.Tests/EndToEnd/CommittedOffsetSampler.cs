using Confluent.Kafka;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>A committed input offset with the epoch in its metadata: s(E) of one partition.</summary>
internal readonly record struct EpochEnd(int Partition, long Epoch, long Offset);

/// <summary>
/// Reads the pipeline group's committed offsets and their <c>epoch=E</c> metadata every few
/// milliseconds while a job runs, the way an outside observer sees the commits.
/// </summary>
internal sealed class CommittedOffsetSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<EpochEnd> _samples = [];
    private readonly Thread _thread;

    public CommittedOffsetSampler(string bootstrapServers, string groupId, string topic, int partitions)
    {
        _thread = new Thread(() => Run(bootstrapServers, groupId, topic, partitions)) { IsBackground = true, Name = "offset-sampler" };
        _thread.Start();
    }

    public IReadOnlyList<EpochEnd> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run(string bootstrapServers, string groupId, string topic, int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId, EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        while (!_stop.IsCancellationRequested)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                try
                {
                    var (offset, metadata) = OffsetCommits.ReadCommitted(consumer, topic, partition, TimeSpan.FromSeconds(2));
                    if (offset >= 0)
                    {
                        lock (_samples)
                        {
                            _samples.Add(new EpochEnd(partition, EpochMetadata.Parse(metadata).Epoch, offset));
                        }
                    }
                }
                catch (KafkaException)
                {
                    // The broker may be restarting; the next round samples again.
                }
            }

            _stop.Token.WaitHandle.WaitOne(50);
        }
    }
}
