namespace OrleansStreams.Client;

/// <summary>A partition that could not answer a query, and why.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Reason">Why.</param>
/// <param name="Detail">The reason in words, e.g. <c>at offset 120, below the required 150</c>.</param>
public sealed record UnavailablePartition(int Partition, PartitionUnavailableReason Reason, string Detail)
{
    /// <summary>E.g. <c>partition 3 not running</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => FormattableString.Invariant($"partition {Partition} {Detail}");
}
