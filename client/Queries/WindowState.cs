using System.Text.Json;

namespace OrleansStreams.Client;

/// <summary>One window of a key.</summary>
/// <param name="Start">The window's first instant.</param>
/// <param name="End">The first instant after the window.</param>
/// <param name="Final">Whether the window closed: its result can no longer change.</param>
/// <param name="Result">The window's result, the same JSON document the pipeline writes as the output record's value.</param>
public sealed record WindowState(DateTimeOffset Start, DateTimeOffset End, bool Final, JsonElement Result);
