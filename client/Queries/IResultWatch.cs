namespace OrleansStreams.Client;

/// <summary>
/// The subscriptions of one <see cref="IOrleansStreamsClient.WatchAsync"/>, in place from the moment
/// it returned: enumerate it (once) for the results committed since, and dispose it to unsubscribe.
/// </summary>
public interface IResultWatch : IAsyncEnumerable<LiveResult>, IAsyncDisposable
{
    /// <summary>The pipeline watched.</summary>
    string Pipeline { get; }

    /// <summary>The key watched, or <see langword="null"/> for every key.</summary>
    string? Key { get; }

    /// <summary>The pipeline's partitions, one results stream each, all subscribed.</summary>
    int Partitions { get; }
}
