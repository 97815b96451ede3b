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
