using Confluent.Kafka;

namespace OrleansStreams.DevBroker.Tests.Infrastructure;

/// <summary>Waiting for conditions, never for fixed times: every timeout here is only an upper bound.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Consumes until <paramref name="count"/> messages arrived (partition EOF events skipped).</summary>
    public static List<ConsumeResult<TKey, TValue>> Consume<TKey, TValue>(IConsumer<TKey, TValue> consumer, int count, TimeSpan? timeout = null)
    {
        var results = new List<ConsumeResult<TKey, TValue>>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (results.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"consumed {results.Count} of {count} messages before the timeout");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>Consumes everything until every assigned partition reported EOF (needs enable.partition.eof).</summary>
    public static List<ConsumeResult<TKey, TValue>> ConsumeToEnd<TKey, TValue>(IConsumer<TKey, TValue> consumer, int partitions, TimeSpan? timeout = null)
    {
        var results = new List<ConsumeResult<TKey, TValue>>();
        var atEnd = new HashSet<Partition>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (atEnd.Count < partitions)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{atEnd.Count} of {partitions} partitions reached their end before the timeout");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } result)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition);
            }
            else
            {
                atEnd.Remove(result.Partition);
                results.Add(result);
            }
        }

        return results;
    }
}
