using Microsoft.Extensions.Logging;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>The SDK's client: checks the arguments and the pipeline, then runs a <see cref="BatchQuery"/> or a status call.</summary>
internal sealed class OrleansStreamsClient : IOrleansStreamsClient
{
    private readonly QueryServices _services;
    private readonly PipelineCatalog _catalog;

    public OrleansStreamsClient(IQueryTransport transport, TimeProvider time, ILogger logger, int keyCacheCapacity = KeyPartitionCache.DefaultCapacity)
    {
        _services = new QueryServices(transport, time, logger, new PartitionCounts(transport, time), new KeyPartitionCache(keyCacheCapacity), new PositionFloors());
        _catalog = new PipelineCatalog(transport, time);
    }

    /// <summary>How many keys the client knows the partition of (for tests).</summary>
    internal int CachedKeyPartitions => _services.KeyPartitions.Count;

    public Task<IReadOnlyList<PipelineInfo>> GetPipelinesAsync(CancellationToken cancellationToken = default) =>
        _catalog.GetAllAsync(cancellationToken);

    public async Task<KeyWindows> QueryAsync(string pipeline, string key, WindowQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await QueryAsync(pipeline, [key], options, cancellationToken).ConfigureAwait(false);
        return result.Keys[0];
    }

    public async Task<WindowQueryResult> QueryAsync(string pipeline, IReadOnlyCollection<string> keys, WindowQueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipeline, nameof(pipeline));
        ValidateKeys(keys);
        options ??= WindowQueryOptions.Default;
        ValidateOptions(options);

        var info = await _catalog.RequireAsync(pipeline, cancellationToken).ConfigureAwait(false);
        if (!info.Windowed)
        {
            throw new PipelineNotWindowedException(pipeline);
        }

        var pending = keys.Distinct(StringComparer.Ordinal)
            .Select(k => new PendingKey(k, _services.KeyPartitions.TryGet(pipeline, k, out var partition) ? partition : null))
            .ToList();
        var positions = await new BatchQuery(_services, pipeline, pending, options).RunAsync(cancellationToken).ConfigureAwait(false);
        var answers = pending.ToDictionary(k => k.Key, k => k.Answer!, StringComparer.Ordinal);
        return new WindowQueryResult([.. keys.Select(k => answers[k])], positions);
    }

    public async Task<IResultWatch> WatchAsync(string pipeline, string? key = null, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipeline, nameof(pipeline));
        if (key is { Length: 0 })
        {
            throw new ArgumentException("the key cannot be empty (pass null to watch every key)", nameof(key));
        }

        var info = await _catalog.RequireAsync(pipeline, cancellationToken).ConfigureAwait(false);
        if (!info.Windowed)
        {
            throw new PipelineNotWindowedException(pipeline);
        }

        if (!info.PublishesResults)
        {
            throw new ResultsNotPublishedException(pipeline);
        }

        var partitions = await PartitionCountAsync(pipeline, cancellationToken).ConfigureAwait(false);
        return await ResultWatch.StartAsync(_services.Transport, pipeline, key, partitions, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PipelineStatus> GetStatusAsync(string pipeline, CancellationToken cancellationToken = default)
    {
        PipelineNames.Validate(pipeline, nameof(pipeline));
        await _catalog.RequireAsync(pipeline, cancellationToken).ConfigureAwait(false);
        var reports = await _services.Transport.GetStatus(pipeline).WaitAsync(cancellationToken).ConfigureAwait(false);
        var count = _services.PartitionCounts.Remember(pipeline, reports);
        var reported = reports.Select(r => r.Partition).ToHashSet();
        return new PipelineStatus(
            pipeline,
            count,
            [.. reports.OrderBy(r => r.Partition)],
            [.. Enumerable.Range(0, count).Where(p => !reported.Contains(p))]);
    }

    public async Task<IReadOnlyList<ClusterSilo>> GetSilosAsync(CancellationToken cancellationToken = default) =>
        await _services.Transport.GetSilos().WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The pipeline's partition count, waiting (until cancelled) for a partition to report it.</summary>
    private async Task<int> PartitionCountAsync(string pipeline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (count, _) = await _services.PartitionCounts.GetAsync(pipeline, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _services.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ValidateKeys(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("at least one key is needed", nameof(keys));
        }

        if (keys.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("a key cannot be null or empty", nameof(keys));
        }
    }

    private static void ValidateOptions(WindowQueryOptions options)
    {
        if (options.WaitTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WaitTimeout, "WaitTimeout cannot be negative");
        }

        if (options.From >= options.To)
        {
            throw new ArgumentException($"From ({options.From:O}) must be before To ({options.To:O})", nameof(options));
        }

        if (!Enum.IsDefined(options.Consistency))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Consistency, "unknown consistency");
        }
    }
}
