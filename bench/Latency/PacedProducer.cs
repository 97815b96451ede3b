using System.Diagnostics;
using Confluent.Kafka;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Generation;

namespace OrleansStreams.Bench.Latency;

/// <summary>
/// Produces the load generator's sensor readings at a fixed rate for a fixed time, event time running
/// <see cref="GeneratorOptions.EventTimeSpeed"/> times faster than the clock (so 1-minute windows close
/// every few seconds), and notes when each record was produced.
/// </summary>
internal static class PacedProducer
{
    public static long Run(string bootstrap, string topic, double rate, TimeSpan duration, GeneratorOptions options, ProduceTimes times, CancellationToken cancellationToken)
    {
        var factory = new SensorReadingFactory(options);
        using var producer = SensorInput.Producer(bootstrap);
        var failed = 0L;
        var eventBase = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var total = (long)(rate * duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        long sent = 0;
        while (sent < total && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                var (key, value, timestamp) = factory.Next(eventBase + (long)(sent * 1000.0 * options.EventTimeSpeed / rate));
                var producedAt = Stopwatch.GetTimestamp();
                SensorInput.Produce(producer, topic, new Message<byte[]?, byte[]> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) }, r =>
                {
                    if (r.Error.IsError)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    else
                    {
                        times.Delivered(r.Partition.Value, r.Offset.Value, producedAt);
                    }
                });
            }

            if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(5))
            {
                lastReport = Stopwatch.GetTimestamp();
                Console.Error.WriteLine($"  produced {sent:N0} of {total:N0}");
            }

            producer.Poll(TimeSpan.FromMilliseconds(1));
        }

        if (producer.Flush(TimeSpan.FromMinutes(1)) != 0 || Interlocked.Read(ref failed) != 0)
        {
            throw new InvalidOperationException($"{failed} input records failed or were not acknowledged");
        }

        return sent;
    }
}
