using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Tests.Queries;

/// <summary>
/// A cluster in memory: pipelines, partitions holding keys at an offset, and hooks that make a
/// partition not run, replay, fail or hang. Answers complete synchronously unless a hook says otherwise.
/// </summary>
internal sealed class FakeTransport : IQueryTransport
{
    private readonly Lock _lock = new();
    private readonly List<(int Partition, PartitionQuery Query)> _calls = [];

    public List<PipelineInfo> Pipelines { get; } =
    [
        new("sensors", "sensor-readings", "sensor-aggregates", true, "tumbling 00:01:00 grace 00:00:10 retention 00:02:10", "Final"),
        new("passthrough", "in", "out", false, "", ""),
    ];

    /// <summary>A windowed pipeline that publishes its results, for tests of watches to add.</summary>
    public static PipelineInfo Published { get; } = new("published", "published-in", "published-out", true, "tumbling 00:01:00", "Final", PublishesResults: true);

    /// <summary>The results subscriptions in place: pipeline, partition, key filter and where to deliver.</summary>
    public List<ResultSubscription> ResultSubscriptions { get; } = [];

    public int PartitionCount { get; set; } = 4;

    /// <summary>Partitions without a status report (the status grain lists the others).</summary>
    public HashSet<int> Unreported { get; } = [];

    public Dictionary<int, Dictionary<string, StoredWindow[]>> Keys { get; } = [];

    public Dictionary<int, long> Offsets { get; } = [];

    /// <summary>Runs before the default answer; a non-null result replaces it.</summary>
    public Func<int, PartitionQuery, ValueTask<PartitionQueryAnswer>?>? Intercept { get; set; }

    public Func<Task<PartitionStatus[]>>? StatusIntercept { get; set; }

    public DateTimeOffset ReportedAt { get; set; } = DateTimeOffset.UnixEpoch;

    public int CatalogCalls { get; private set; }

    public int StatusCalls { get; private set; }

    public IReadOnlyList<(int Partition, PartitionQuery Query)> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public int CallsTo(int partition) => Calls.Count(c => c.Partition == partition);

    public void Hold(int partition, string key, params StoredWindow[] windows)
    {
        foreach (var held in Keys.Values)
        {
            held.Remove(key);
        }

        if (!Keys.TryGetValue(partition, out var keys))
        {
            Keys[partition] = keys = [];
        }

        keys[key] = windows;
    }

    public ValueTask<PartitionQueryAnswer> Query(string pipeline, int partition, PartitionQuery query)
    {
        lock (_lock)
        {
            _calls.Add((partition, query));
        }

        return Intercept?.Invoke(partition, query) ?? new ValueTask<PartitionQueryAnswer>(Answer(partition, query));
    }

    public PartitionQueryAnswer Answer(int partition, PartitionQuery query, long? offset = null) => new()
    {
        Status = PartitionQueryStatus.Answered,
        Generation = 1,
        Epoch = 5,
        Offset = offset ?? Offsets.GetValueOrDefault(partition, 100),
        StreamTime = 1_000,
        Keys = [.. query.Keys.Select(k => Keys.TryGetValue(partition, out var held) && held.TryGetValue(k, out var windows)
            ? new StoredKeyWindows(true, windows)
            : StoredKeyWindows.NotFound)],
    };

    public Task<PartitionStatus[]> GetStatus(string pipeline)
    {
        StatusCalls++;
        return StatusIntercept?.Invoke() ?? Task.FromResult(Reports());
    }

    public PartitionStatus[] Reports() =>
    [
        .. Enumerable.Range(0, PartitionCount).Where(p => !Unreported.Contains(p)).Select(p => new PartitionStatus(
            p, PartitionCount, "S127.0.0.1:11111:1", 1, 5, Offsets.GetValueOrDefault(p, 100), 120, 20, 0.5, 1_000, null, ReportedAt)),
    ];

    public Task<PipelineInfo[]> GetPipelines()
    {
        CatalogCalls++;
        return Task.FromResult(Pipelines.ToArray());
    }

    public Task<ClusterSilo[]> GetSilos() =>
        Task.FromResult<ClusterSilo[]>([new("S127.0.0.1:11111:1", "silo-1", "host", "Active", 30000, DateTimeOffset.UnixEpoch)]);

    public Task<IAsyncDisposable> SubscribeResults(string pipeline, int partition, string? key, Func<PublishedResult, Task> onResult)
    {
        var subscription = new ResultSubscription(this, pipeline, partition, key, onResult);
        lock (ResultSubscriptions)
        {
            ResultSubscriptions.Add(subscription);
        }

        return Task.FromResult<IAsyncDisposable>(subscription);
    }

    /// <summary>Delivers <paramref name="results"/> (as the partition's) as one published batch of its stream, as Orleans' filter would: whole, if any result matches a subscriber's key.</summary>
    public async Task PublishAsync(string pipeline, int partition, params PublishedResult[] results)
    {
        ResultSubscription[] subscribers;
        lock (ResultSubscriptions)
        {
            subscribers = [.. ResultSubscriptions.Where(s => s.Pipeline == pipeline && s.Partition == partition)];
        }

        foreach (var subscriber in subscribers.Where(s => s.Key is null || results.Any(r => r.Key == s.Key)))
        {
            foreach (var result in results)
            {
                await subscriber.OnResult(result with { Partition = partition });
            }
        }
    }

    public static ValueTask<PartitionQueryAnswer>? Unanswered(PartitionQueryStatus status) =>
        new ValueTask<PartitionQueryAnswer>(PartitionQueryAnswer.Unanswered(status));
}

internal sealed record ResultSubscription(FakeTransport Transport, string Pipeline, int Partition, string? Key, Func<PublishedResult, Task> OnResult) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        lock (Transport.ResultSubscriptions)
        {
            Transport.ResultSubscriptions.Remove(this);
        }

        return ValueTask.CompletedTask;
    }
}
