namespace OrleansStreams.Keys;

/// <summary>A key grain's answer to <see cref="IKeyGrain.Apply"/>.</summary>
/// <param name="Status">What the grain did.</param>
/// <param name="NextDueTime">
/// The stream time at which the grain next has work due (a window to close or evict), or
/// <see cref="long.MaxValue"/> when none; the partition flushes the grain once stream time reaches it.
/// </param>
/// <param name="OwnerPartition">For <see cref="ApplyStatus.WrongPartition"/>: the partition the key belongs to.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.ApplyResult")]
public readonly record struct ApplyResult(
    [property: Id(0)] ApplyStatus Status,
    [property: Id(1)] long NextDueTime,
    [property: Id(2)] int OwnerPartition = -1)
{
    /// <summary>Applied, with nothing due.</summary>
    public static ApplyResult Done { get; } = new(ApplyStatus.Applied, long.MaxValue);
}
