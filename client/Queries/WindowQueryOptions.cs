using OrleansStreams.Queries;

namespace OrleansStreams.Client;

/// <summary>How a window state query is answered.</summary>
public sealed record WindowQueryOptions
{
    /// <summary>The default wait for partitions that cannot answer yet.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The defaults: committed state, every window, no position bound, a 10 s wait.</summary>
    public static WindowQueryOptions Default { get; } = new();

    /// <summary>Committed state only, or also state whose epoch has not committed yet.</summary>
    /// <value>Defaults to <see cref="QueryConsistency.Committed"/>.</value>
    public QueryConsistency Consistency { get; init; } = QueryConsistency.Committed;

    /// <summary>Only windows that end after this time; <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only windows that start before this time; <see langword="null"/> for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// Positions the answer must reflect at least, usually <see cref="WindowQueryResult.Positions"/> of an
    /// earlier answer: a partition that is behind its position here is waited for like one that is
    /// replaying. Partitions that hold none of the keys are not waited for.
    /// </summary>
    public QueryPositions? AtLeast { get; init; }

    /// <summary>How long to wait for partitions that are not running, replaying or behind <see cref="AtLeast"/> before giving up with <see cref="QueryNotYetException"/>.</summary>
    /// <value>Defaults to <see cref="DefaultWaitTimeout"/>; zero asks once.</value>
    public TimeSpan WaitTimeout { get; init; } = DefaultWaitTimeout;
}
