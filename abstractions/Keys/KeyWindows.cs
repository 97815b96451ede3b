namespace OrleansStreams.Keys;

/// <summary>The window state of one key.</summary>
/// <param name="Key">The key.</param>
/// <param name="Partition">The input partition the key belongs to, or -1 when it has seen no record.</param>
/// <param name="LastAppliedOffset">The last input offset applied to this state, or -1.</param>
/// <param name="Epoch">The epoch of the snapshot shown (0 for live state never snapshotted).</param>
/// <param name="Windows">The windows, in start order.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.KeyWindows")]
public sealed record KeyWindows(
    [property: Id(0)] string Key,
    [property: Id(1)] int Partition,
    [property: Id(2)] long LastAppliedOffset,
    [property: Id(3)] long Epoch,
    [property: Id(4)] WindowState[] Windows);

/// <summary>One window of a key.</summary>
/// <param name="Start">Start (inclusive), epoch milliseconds.</param>
/// <param name="End">End (exclusive), epoch milliseconds.</param>
/// <param name="Closed">Whether the window has closed (its final result was emitted).</param>
/// <param name="Result">The current result as the pipeline writes it (JSON for the built-in writers).</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.WindowState")]
public sealed record WindowState(
    [property: Id(0)] long Start,
    [property: Id(1)] long End,
    [property: Id(2)] bool Closed,
    [property: Id(3)] string Result);
