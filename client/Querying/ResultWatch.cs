using System.Text.Json;
using System.Threading.Channels;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// One watch: a subscription to each partition's results stream of the pipeline, merged into one
/// sequence. Results of other keys (a stream filter passes whole batches) and results of an epoch
/// older than one already delivered for the same partition (a redelivery) are dropped here.
/// </summary>
internal sealed class ResultWatch : IResultWatch
{
    /// <summary>Results buffered for a reader slower than they arrive; beyond it, delivery waits for the reader.</summary>
    public const int Buffered = 10_000;

    private readonly Channel<PublishedResult> _results = Channel.CreateBounded<PublishedResult>(
        new BoundedChannelOptions(Buffered) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly List<IAsyncDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _stopped = new();
    private int _enumerated;

    private ResultWatch(string pipeline, string? key, int partitions)
    {
        Pipeline = pipeline;
        Key = key;
        Partitions = partitions;
    }

    public string Pipeline { get; }

    public string? Key { get; }

    public int Partitions { get; }

    /// <summary>Subscribes to every partition's stream; returns once all subscriptions are in place.</summary>
    public static async Task<ResultWatch> StartAsync(IQueryTransport transport, string pipeline, string? key, int partitions, CancellationToken cancellationToken)
    {
        var watch = new ResultWatch(pipeline, key, partitions);
        try
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                watch._subscriptions.Add(await transport.SubscribeResults(pipeline, partition, key, watch.Receive).ConfigureAwait(false));
            }

            return watch;
        }
        catch
        {
            await watch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public IAsyncEnumerator<LiveResult> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _enumerated, 1) == 0
            ? ReadAsync(cancellationToken)
            : throw new InvalidOperationException("a watch is enumerated once; start another watch for another reader");

    private async IAsyncEnumerator<LiveResult> ReadAsync(CancellationToken cancellationToken)
    {
        var newest = new long[Partitions];
        Array.Fill(newest, -1);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token);
        IAsyncEnumerator<PublishedResult> reader = _results.Reader.ReadAllAsync(linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (await NextAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                var result = reader.Current;
                if (Key is not null && !string.Equals(result.Key, Key, StringComparison.Ordinal))
                {
                    continue;
                }

                if ((uint)result.Partition < (uint)Partitions)
                {
                    if (result.Epoch < newest[result.Partition])
                    {
                        continue;
                    }

                    newest[result.Partition] = result.Epoch;
                }

                yield return ToLive(result);
            }
        }
        finally
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        await _stopped.CancelAsync().ConfigureAwait(false);
        foreach (var subscription in _subscriptions)
        {
            try
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The cluster went away, and its subscriptions with it.
            }
        }

        _results.Writer.TryComplete();
    }

    /// <summary>The next result; false once the watch is disposed. Cancellation by the caller's token throws.</summary>
    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<PublishedResult> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task Receive(PublishedResult result)
    {
        try
        {
            await _results.Writer.WriteAsync(result, _stopped.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // Disposed: the result has no reader any more.
        }
    }

    private static LiveResult ToLive(PublishedResult result) => new(
        result.Key,
        DateTimeOffset.FromUnixTimeMilliseconds(result.Start),
        DateTimeOffset.FromUnixTimeMilliseconds(result.End),
        result.Final,
        result.Value is null ? null : JsonDocument.Parse(result.Value).RootElement.Clone(),
        result.Partition,
        result.Epoch,
        result.CausingOffset);
}
