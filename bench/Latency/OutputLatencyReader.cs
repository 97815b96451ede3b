using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrleansStreams.Records;

namespace OrleansStreams.Bench.Latency;

/// <summary>
/// A read_committed consumer of the output topic on its own thread. A Final result is caused by the
/// input record at which its partition's stream time reached the window's close (headers
/// <c>os.source-partition</c>, <c>os.causing-offset</c>); its latency is the time from producing that
/// record to this consumer receiving the committed result.
/// </summary>
internal sealed class OutputLatencyReader : IDisposable
{
    private readonly ProduceTimes _times;
    private readonly long _measureFrom;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly List<double> _latencies = [];

    /// <summary>Starts reading <paramref name="topic"/> from the beginning; results caused by records produced before <paramref name="measureFrom"/> (warm-up) are counted, not measured.</summary>
    public OutputLatencyReader(string bootstrap, string topic, int partitions, ProduceTimes times, long measureFrom)
    {
        _times = times;
        _measureFrom = measureFrom;
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"bench-latency-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, _) => { }).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _thread = new Thread(Run) { IsBackground = true, Name = "output latency reader" };
        _thread.Start();
    }

    public long Results { get; private set; }

    /// <summary>Results whose causing record's produce time is unknown (should stay 0).</summary>
    public long Unmatched { get; private set; }

    /// <summary>Stops reading and returns the measured latencies in milliseconds, sorted.</summary>
    public List<double> Stop()
    {
        _stop.Cancel();
        _thread.Join();
        _latencies.Sort();
        return _latencies;
    }

    public void Dispose()
    {
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var received = Stopwatch.GetTimestamp();
            Results++;
            var headers = result.Message.Headers;
            if (!headers.TryGetLastBytes(StreamHeaders.SourcePartition, out var partition) || !headers.TryGetLastBytes(StreamHeaders.CausingOffset, out var offset))
            {
                Unmatched++;
                continue;
            }

            var producedAt = _times.Of((int)Number(partition), Number(offset));
            if (producedAt < 0)
            {
                Unmatched++;
            }
            else if (producedAt >= _measureFrom)
            {
                _latencies.Add(Stopwatch.GetElapsedTime(producedAt, received).TotalMilliseconds);
            }
        }
    }

    private static long Number(byte[] header) => long.Parse(Encoding.UTF8.GetString(header), CultureInfo.InvariantCulture);
}
