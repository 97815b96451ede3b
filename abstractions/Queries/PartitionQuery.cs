namespace OrleansStreams.Queries;

/// <summary>
/// A window state query to one partition of a windowed pipeline, sent to its
/// <see cref="IPartitionQueryGrain"/>. Part of the wire contract between silos and the client SDK;
/// applications use the SDK's client instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.PartitionQuery")]
public sealed class PartitionQuery
{
    /// <summary>The record keys to answer for, as the pipeline keys them.</summary>
    [Id(0)]
    public required string[] Keys { get; init; }

    /// <summary>Committed or latest state.</summary>
    [Id(1)]
    public QueryConsistency Consistency { get; init; }

    /// <summary>Only windows that end after this time (epoch milliseconds, inclusive lower bound of the range).</summary>
    [Id(2)]
    public long From { get; init; } = long.MinValue;

    /// <summary>Only windows that start before this time (epoch milliseconds, exclusive upper bound of the range).</summary>
    [Id(3)]
    public long To { get; init; } = long.MaxValue;
}
