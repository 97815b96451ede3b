using OrleansStreams.Queries;

namespace OrleansStreams.Client;

/// <summary>
/// Reads an OrleansStreams cluster: the window state of keys, the status of pipelines and the silos.
/// Registered by <c>AddOrleansStreamsClient</c> (host builder) or <c>AddOrleansStreams</c> (Orleans
/// client builder). Thread-safe; one instance per application. Within one instance, positions never
/// go back: an answer reflects at least what an earlier answer of the same pipeline and consistency did.
/// </summary>
public interface IOrleansStreamsClient
{
    /// <summary>The pipelines the cluster defines.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The pipelines, by name.</returns>
    Task<IReadOnlyList<PipelineInfo>> GetPipelinesAsync(CancellationToken cancellationToken = default);

    /// <summary>The windows of one key of a windowed pipeline.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="key">The record key, as the pipeline keys records.</param>
    /// <param name="options">Consistency, time range, position bound and wait; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The key's windows, with the partition and position that answered.</returns>
    /// <exception cref="ArgumentException">The pipeline name or the key is empty or not valid.</exception>
    /// <exception cref="PipelineNotFoundException">The cluster has no such pipeline.</exception>
    /// <exception cref="PipelineNotWindowedException">The pipeline keeps no window state.</exception>
    /// <exception cref="QueryNotYetException">A partition that may hold the key could not answer within <see cref="WindowQueryOptions.WaitTimeout"/>.</exception>
    Task<KeyWindows> QueryAsync(string pipeline, string key, WindowQueryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The windows of several keys of a windowed pipeline, asked in one round per partition.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="keys">The record keys; at least one, none empty.</param>
    /// <param name="options">Consistency, time range, position bound and wait; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The keys' windows in the order of <paramref name="keys"/>, and the positions they reflect.</returns>
    /// <exception cref="ArgumentException">The pipeline name or a key is empty or not valid, or there is no key.</exception>
    /// <exception cref="PipelineNotFoundException">The cluster has no such pipeline.</exception>
    /// <exception cref="PipelineNotWindowedException">The pipeline keeps no window state.</exception>
    /// <exception cref="QueryNotYetException">A partition that may hold one of the keys could not answer within <see cref="WindowQueryOptions.WaitTimeout"/>.</exception>
    Task<WindowQueryResult> QueryAsync(string pipeline, IReadOnlyCollection<string> keys, WindowQueryOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to a pipeline's results, which silos publish on Orleans streams once the epoch that
    /// produced them committed (the pipeline must publish them: <c>Pipelines:&lt;name&gt;:PublishResults</c>).
    /// Returns once every partition's stream is subscribed; the watch then delivers the results
    /// committed from that moment on, in commit order per partition. Delivery is at most once:
    /// results committed while a silo that relays them fails can be missed, so a caller that must
    /// not miss one reads the current state with a point query after the watch started (or restarted).
    /// A result is never delivered before its epoch committed, and one delivered twice carries the same epoch.
    /// </summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="key">One record key to follow, or <see langword="null"/> for every key.</param>
    /// <param name="cancellationToken">Stops subscribing.</param>
    /// <returns>The watch: enumerate it for the results, dispose it to unsubscribe.</returns>
    /// <exception cref="ArgumentException">The pipeline name or the key is not valid.</exception>
    /// <exception cref="PipelineNotFoundException">The cluster has no such pipeline.</exception>
    /// <exception cref="PipelineNotWindowedException">The pipeline keeps no window state and publishes no results.</exception>
    /// <exception cref="ResultsNotPublishedException">The pipeline does not publish its results.</exception>
    Task<IResultWatch> WatchAsync(string pipeline, string? key = null, CancellationToken cancellationToken = default);

    /// <summary>What the partitions of a pipeline last reported.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The partition count, the reports and the partitions without one.</returns>
    /// <exception cref="ArgumentException">The pipeline name is not valid.</exception>
    /// <exception cref="PipelineNotFoundException">The cluster has no such pipeline.</exception>
    Task<PipelineStatus> GetStatusAsync(string pipeline, CancellationToken cancellationToken = default);

    /// <summary>The active silos of the cluster.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The silos, by address.</returns>
    Task<IReadOnlyList<ClusterSilo>> GetSilosAsync(CancellationToken cancellationToken = default);
}
