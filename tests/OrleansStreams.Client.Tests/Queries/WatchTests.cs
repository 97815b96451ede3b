using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Queries;

public sealed class WatchTests
{
    private const string Pipeline = "published";
    private readonly FakeTransport _cluster = new();
    private readonly OrleansStreamsClient _client;

    public WatchTests()
    {
        _cluster.Pipelines.Add(FakeTransport.Published);
        _client = new OrleansStreamsClient(_cluster, new FakeTimeProvider(), NullLogger.Instance);
    }

    [Fact]
    public async Task WatchAsync_Returned_EveryPartitionSubscribedWithTheKeyAsFilter()
    {
        await using var all = await _client.WatchAsync(Pipeline);
        await using var one = await _client.WatchAsync(Pipeline, "sensor-7");

        Assert.Equal(4, all.Partitions);
        Assert.Equal(
            [.. Enumerable.Range(0, 4).Select(p => (p, (string?)null)), .. Enumerable.Range(0, 4).Select(p => (p, (string?)"sensor-7"))],
            _cluster.ResultSubscriptions.Select(s => (s.Partition, s.Key)));
    }

    [Fact]
    public async Task Watch_ResultsOfSeveralPartitions_DeliveredInPublishOrderWithTheirJson()
    {
        await using var watch = await _client.WatchAsync(Pipeline);
        await _cluster.PublishAsync(Pipeline, 2, Result("a", epoch: 5, count: 1), Result("b", epoch: 5, count: 2));
        await _cluster.PublishAsync(Pipeline, 0, Result("c", epoch: 9, count: 3, final: false));
        await _cluster.PublishAsync(Pipeline, 2, Result("a", epoch: 6, count: 4, retracted: true));

        var results = await Take(watch, 4);

        Assert.Equal(
            [("a", 2, 5L, true, "1"), ("b", 2, 5L, true, "2"), ("c", 0, 9L, false, "3"), ("a", 2, 6L, true, "(retracted)")],
            results.Select(r => (r.Key, r.Partition, r.Epoch, r.Final, r.Result is { } json ? json.GetProperty("count").GetRawText() : "(retracted)")));
        Assert.Equal((DateTimeOffset.FromUnixTimeMilliseconds(60_000), DateTimeOffset.FromUnixTimeMilliseconds(120_000)), (results[0].Start, results[0].End));
    }

    [Fact]
    public async Task Watch_OneKey_OtherKeysOfADeliveredBatchDropped()
    {
        await using var watch = await _client.WatchAsync(Pipeline, "b");
        await _cluster.PublishAsync(Pipeline, 1, Result("a", epoch: 1, count: 1), Result("b", epoch: 1, count: 2), Result("c", epoch: 1, count: 3));
        await _cluster.PublishAsync(Pipeline, 1, Result("b", epoch: 2, count: 5));

        var results = await Take(watch, 2);

        Assert.Equal([("b", 1L), ("b", 2L)], results.Select(r => (r.Key, r.Epoch)));
    }

    [Fact]
    public async Task Watch_ARedeliveredOlderEpoch_Dropped_TheSameEpochAgainIsNot()
    {
        await using var watch = await _client.WatchAsync(Pipeline);
        await _cluster.PublishAsync(Pipeline, 3, Result("a", epoch: 7, count: 1));
        await _cluster.PublishAsync(Pipeline, 3, Result("a", epoch: 6, count: 9)); // older: a redelivery
        await _cluster.PublishAsync(Pipeline, 3, Result("b", epoch: 7, count: 2)); // the same epoch's next batch
        await _cluster.PublishAsync(Pipeline, 1, Result("c", epoch: 2, count: 3)); // epochs count per partition

        var results = await Take(watch, 3);

        Assert.Equal([("a", 7L), ("b", 7L), ("c", 2L)], results.Select(r => (r.Key, r.Epoch)));
    }

    [Fact]
    public async Task Watch_ReaderBehind_HoldsTenThousand_ThenDeliveryWaitsForTheReader()
    {
        await using var watch = await _client.WatchAsync(Pipeline);
        var subscription = _cluster.ResultSubscriptions[0];
        for (var i = 0; i < ResultWatch.Buffered; i++)
        {
            Assert.True(subscription.OnResult(Result($"k{i}", epoch: 1, count: i)).IsCompletedSuccessfully);
        }

        var waiting = subscription.OnResult(Result("one-more", epoch: 1, count: 0));
        Assert.False(waiting.IsCompleted);

        await using var reader = watch.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("k0", reader.Current.Key);
    }

    [Fact]
    public async Task DisposeAsync_Unsubscribes_AndEndsTheEnumeration()
    {
        var watch = await _client.WatchAsync(Pipeline);
        var reading = Task.Run(async () => await Take(watch, int.MaxValue));

        await watch.DisposeAsync();

        Assert.Empty(_cluster.ResultSubscriptions);
        Assert.Empty(await reading);
    }

    [Fact]
    public async Task Watch_EnumeratedTwice_Refused()
    {
        await using var watch = await _client.WatchAsync(Pipeline);
        await using var first = watch.GetAsyncEnumerator();

        var e = Assert.Throws<InvalidOperationException>(() => watch.GetAsyncEnumerator());

        Assert.Contains("enumerated once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_PipelineThatDoesNotPublish_NamesTheSetting()
    {
        var e = await Assert.ThrowsAsync<ResultsNotPublishedException>(() => _client.WatchAsync("sensors"));

        Assert.Equal("pipeline 'sensors' does not publish its results: set Pipelines:sensors:PublishResults=true (or call PublishResults() when building it)", e.Message);
        Assert.Empty(_cluster.ResultSubscriptions);
    }

    [Fact]
    public async Task WatchAsync_BadArguments_Refused()
    {
        await Assert.ThrowsAsync<PipelineNotWindowedException>(() => _client.WatchAsync("passthrough"));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _client.WatchAsync("payments"));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => _client.WatchAsync(Pipeline, ""));
        Assert.Equal("key", empty.ParamName);
    }

    private static PublishedResult Result(string key, long epoch, long count, bool final = true, bool retracted = false) =>
        new(key, 60_000, 120_000, final, retracted ? null : System.Text.Encoding.UTF8.GetBytes($$"""{"key":"{{key}}","count":{{count}}}"""), Partition: 0, epoch, 100 + count);

    private static async Task<List<LiveResult>> Take(IResultWatch watch, int count)
    {
        var taken = new List<LiveResult>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var result in watch.WithCancellation(timeout.Token))
        {
            taken.Add(result);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
