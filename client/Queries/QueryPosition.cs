namespace OrleansStreams.Client;

/// <summary>The point of a partition's input an answer reflects.</summary>
/// <param name="Partition">The input partition.</param>
/// <param name="Generation">The ownership term of the partition that answered; it rises on every restart or move.</param>
/// <param name="Epoch">The partition's last committed epoch when it answered.</param>
/// <param name="Offset">Exclusive: every input record of the partition below this offset is reflected, none at or above it. Positions compare by it.</param>
public sealed record QueryPosition(int Partition, long Generation, long Epoch, long Offset);
