using System.Text.Json;

namespace OrleansStreams.Client;

/// <summary>One committed result of a pipeline, as <see cref="IOrleansStreamsClient.WatchAsync"/> delivers it.</summary>
/// <param name="Key">The record key the result belongs to.</param>
/// <param name="Start">The window's first instant.</param>
/// <param name="End">The first instant after the window.</param>
/// <param name="Final">Whether the window closed with this result: it can no longer change.</param>
/// <param name="Result">The result, the same JSON document the output record holds; <see langword="null"/> for a retraction (a session window merged into another).</param>
/// <param name="Partition">The input partition that produced it.</param>
/// <param name="Epoch">The committed epoch that produced it: a result delivered twice carries the same epoch both times.</param>
/// <param name="Offset">The input offset that caused it.</param>
public sealed record LiveResult(string Key, DateTimeOffset Start, DateTimeOffset End, bool Final, JsonElement? Result, int Partition, long Epoch, long Offset);
