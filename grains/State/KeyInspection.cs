namespace OrleansStreams.Grains.State;

/// <summary>What a partition state holds for one key.</summary>
/// <param name="LastOffset">The last input offset the key processed, or -1.</param>
/// <param name="NextDueTime">The stream time of its next close or expiry, or <see cref="long.MaxValue"/>.</param>
/// <param name="Windows">Its windows, open and retained closed, in start order.</param>
/// <param name="PendingOutputs">Outputs made and not yet taken by an epoch.</param>
internal sealed record KeyInspection(long LastOffset, long NextDueTime, WindowInspection[] Windows, int PendingOutputs);

/// <summary>One window of a key with its current result as the pipeline writes it.</summary>
internal sealed record WindowInspection(long Start, long End, bool Closed, string Result);
