namespace OrleansStreams.Queries;

/// <summary>What one partition holds for one key: nothing (<see cref="Found"/> false), or its windows in the query's range.</summary>
/// <param name="Found">Whether the partition holds state for the key (in any window, in or out of the range).</param>
/// <param name="Windows">The key's windows that overlap the query's range, in start order.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.StoredKeyWindows")]
public sealed record StoredKeyWindows(
    [property: Id(0)] bool Found,
    [property: Id(1)] StoredWindow[] Windows)
{
    /// <summary>A key the partition holds nothing for.</summary>
    public static StoredKeyWindows NotFound { get; } = new(false, []);
}

/// <summary>One window of a key.</summary>
/// <param name="Start">The first millisecond of the window (epoch milliseconds).</param>
/// <param name="End">The first millisecond after the window.</param>
/// <param name="Final">Whether the window closed: its result can no longer change.</param>
/// <param name="Result">The window's result as JSON, the same document the pipeline writes as the output record's value.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.StoredWindow")]
public sealed record StoredWindow(
    [property: Id(0)] long Start,
    [property: Id(1)] long End,
    [property: Id(2)] bool Final,
    [property: Id(3)] string Result);
