using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// The cluster's pipelines, cached briefly: a query names a pipeline, and asking the catalog every
/// time would double the calls. A name not in the cache is looked up again (a new pipeline is found
/// at once) unless the cache is only a moment old.
/// </summary>
internal sealed class PipelineCatalog(IQueryTransport transport, TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MissRefreshAfter = TimeSpan.FromSeconds(1);

    private Snapshot? _snapshot;

    public async Task<IReadOnlyList<PipelineInfo>> GetAllAsync(CancellationToken cancellationToken) =>
        (await RefreshAsync(cancellationToken).ConfigureAwait(false)).Pipelines;

    /// <exception cref="PipelineNotFoundException">The cluster has no such pipeline.</exception>
    public async Task<PipelineInfo> RequireAsync(string pipeline, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var age = snapshot is null ? TimeSpan.MaxValue : time.GetUtcNow() - snapshot.FetchedAt;
        if (snapshot is not null && snapshot.TryFind(pipeline, out var cached) && age < FreshFor)
        {
            return cached;
        }

        if (snapshot is null || age >= MissRefreshAfter)
        {
            snapshot = await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return snapshot.TryFind(pipeline, out var info)
            ? info
            : throw new PipelineNotFoundException(pipeline, [.. snapshot.Pipelines.Select(p => p.Name)]);
    }

    private async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var pipelines = await transport.GetPipelines().WaitAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = new Snapshot(time.GetUtcNow(), [.. pipelines.OrderBy(p => p.Name, StringComparer.Ordinal)]);
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    private sealed record Snapshot(DateTimeOffset FetchedAt, IReadOnlyList<PipelineInfo> Pipelines)
    {
        public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PipelineInfo? info)
        {
            info = Pipelines.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            return info is not null;
        }
    }
}
