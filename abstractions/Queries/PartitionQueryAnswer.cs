namespace OrleansStreams.Queries;

/// <summary>One partition's answer to a <see cref="PartitionQuery"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.PartitionQueryAnswer")]
public sealed class PartitionQueryAnswer
{
    /// <summary>Whether the partition answered.</summary>
    [Id(0)]
    public required PartitionQueryStatus Status { get; init; }

    /// <summary>The generation (ownership term) of the partition that answered; -1 when it did not.</summary>
    [Id(1)]
    public long Generation { get; init; } = -1;

    /// <summary>The last epoch of the partition whose transaction committed; -1 when it did not answer.</summary>
    [Id(2)]
    public long Epoch { get; init; } = -1;

    /// <summary>
    /// The input offset the answer reflects, exclusive: every record of the partition below it is in
    /// the answer (for <see cref="QueryConsistency.Committed"/>, the committed offset), none at or above it.
    /// </summary>
    [Id(3)]
    public long Offset { get; init; } = -1;

    /// <summary>The partition's stream time (epoch milliseconds) at <see cref="Offset"/>; <see cref="long.MinValue"/> before any record.</summary>
    [Id(4)]
    public long StreamTime { get; init; } = long.MinValue;

    /// <summary>Aligned with <see cref="PartitionQuery.Keys"/>; empty unless <see cref="Status"/> is <see cref="PartitionQueryStatus.Answered"/>.</summary>
    [Id(5)]
    public StoredKeyWindows[] Keys { get; init; } = [];

    /// <summary>An answer without state.</summary>
    /// <param name="status">Why there is no state.</param>
    /// <returns>The answer.</returns>
    public static PartitionQueryAnswer Unanswered(PartitionQueryStatus status) => new() { Status = status };
}
