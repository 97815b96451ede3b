using System.Diagnostics;
using Confluent.Kafka;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// The ceiling: per input partition one Confluent.Kafka consumer (assigned, read_committed, the partition
/// agents' fetch sizes) and one transactional producer copying every record (key, value, timestamp) to
/// the same partition of the output topic, committing a transaction with the consumed offsets
/// (<c>SendOffsetsToTransaction</c>) every second.
/// </summary>
internal sealed class RawPipeSystem(WorkerSpec spec) : IPeerSystem
{
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);
    private readonly List<Pipe> _pipes = [];
    private readonly List<Thread> _threads = [];
    private readonly CancellationTokenSource _stop = new();
    private long _piped;
    private long _transactions;

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        for (var p = 0; p < spec.Partitions; p++)
        {
            _pipes.Add(new Pipe(spec, p));
        }

        return Task.CompletedTask;
    }

    public Task BeginAsync(CancellationToken cancellationToken)
    {
        foreach (var pipe in _pipes)
        {
            var thread = new Thread(() => Run(pipe)) { Name = $"raw pipe {pipe.Partition}" };
            _threads.Add(thread);
            thread.Start();
        }

        return Task.CompletedTask;
    }

    public string Summary() => $"{Interlocked.Read(ref _piped):N0} records piped in {Interlocked.Read(ref _transactions):N0} transactions";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _threads.ForEach(t => t.Join());
        _pipes.ForEach(p => p.Dispose());
        _stop.Dispose();
    }

    private void Run(Pipe pipe)
    {
        var input = new TopicPartition(spec.Input, pipe.Partition);
        var output = new TopicPartition(spec.Output, pipe.Partition);
        pipe.Producer.InitTransactions(TimeSpan.FromSeconds(30));
        pipe.Consumer.Assign(new TopicPartitionOffset(input, Offset.Beginning));
        pipe.Producer.BeginTransaction();
        var next = -1L;
        var lastCommit = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            if (pipe.Consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } result)
            {
                var message = result.Message;
                Send(pipe.Producer, output, new Message<byte[]?, byte[]?> { Key = message.Key, Value = message.Value, Timestamp = message.Timestamp });
                next = result.Offset.Value + 1;
                Interlocked.Increment(ref _piped);
            }

            if (next >= 0 && Stopwatch.GetElapsedTime(lastCommit) >= CommitInterval)
            {
                pipe.Producer.SendOffsetsToTransaction([new TopicPartitionOffset(input, next)], pipe.Consumer.ConsumerGroupMetadata, TimeSpan.FromSeconds(30));
                pipe.Producer.CommitTransaction(TimeSpan.FromSeconds(30));
                Interlocked.Increment(ref _transactions);
                pipe.Producer.BeginTransaction();
                next = -1;
                lastCommit = Stopwatch.GetTimestamp();
            }
        }

        pipe.Producer.AbortTransaction(TimeSpan.FromSeconds(30));
    }

    private static void Send(IProducer<byte[]?, byte[]?> producer, TopicPartition output, Message<byte[]?, byte[]?> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(output, message);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private sealed class Pipe : IDisposable
    {
        public Pipe(WorkerSpec spec, int partition)
        {
            Partition = partition;
            Consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
            {
                BootstrapServers = spec.Bootstrap,
                GroupId = spec.Group,
                EnableAutoCommit = false,
                IsolationLevel = IsolationLevel.ReadCommitted,
                FetchMaxBytes = 16 * 1024 * 1024,
                MaxPartitionFetchBytes = 1024 * 1024,
            }).SetLogHandler((_, _) => { }).Build();
            Producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
            {
                BootstrapServers = spec.Bootstrap,
                TransactionalId = $"{spec.Group}-{partition}",
                EnableIdempotence = true,
            }).SetLogHandler((_, _) => { }).Build();
        }

        public int Partition { get; }

        public IConsumer<byte[]?, byte[]?> Consumer { get; }

        public IProducer<byte[]?, byte[]?> Producer { get; }

        public void Dispose()
        {
            Consumer.Close();
            Consumer.Dispose();
            Producer.Dispose();
        }
    }
}
