using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>What one partition did with the keys it was asked for in one round: an answer, or why there is none.</summary>
internal sealed record PartitionOutcome(int Partition, IReadOnlyList<PendingKey> Keys, PartitionQueryAnswer? Answer, UnavailablePartition? Unavailable);
