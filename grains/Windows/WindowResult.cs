namespace OrleansStreams.Windows;

/// <summary>The current state of one window of a key, as shown by queries.</summary>
/// <typeparam name="TResult">The aggregation's result type.</typeparam>
/// <param name="Window">The window.</param>
/// <param name="Result">Its result over the records applied so far.</param>
/// <param name="IsClosed">
/// Whether the window has closed (it takes no more records and is kept only for its retention).
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.WindowResult`1")]
internal readonly record struct WindowResult<TResult>(
    [property: Id(0)] TimeWindow Window,
    [property: Id(1)] TResult Result,
    [property: Id(2)] bool IsClosed);
