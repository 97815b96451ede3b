namespace OrleansStreams.Queries;

/// <summary>
/// One result of a pipeline as published on its results stream, once the epoch that produced it
/// committed. Part of the wire contract between silos and the client SDK.
/// </summary>
/// <param name="Key">The record key the result belongs to (without the window start that the output record's key adds).</param>
/// <param name="Start">The window's first instant, in ms since the Unix epoch.</param>
/// <param name="End">The first instant after the window, in ms since the Unix epoch.</param>
/// <param name="Final">Whether the window closed with this result: it can no longer change.</param>
/// <param name="Value">The output record's value (JSON), or <see langword="null"/> for a retraction (a session window merged away).</param>
/// <param name="Partition">The input partition whose epoch produced it.</param>
/// <param name="Epoch">The committed epoch that produced it; a result seen twice carries the same epoch both times.</param>
/// <param name="CausingOffset">The input offset that caused it.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.PublishedResult")]
public sealed record PublishedResult(
    [property: Id(0)] string Key,
    [property: Id(1)] long Start,
    [property: Id(2)] long End,
    [property: Id(3)] bool Final,
    [property: Id(4)] byte[]? Value,
    [property: Id(5)] int Partition,
    [property: Id(6)] long Epoch,
    [property: Id(7)] long CausingOffset);

/// <summary>Where committed results are published: one Orleans stream per input partition of a pipeline.</summary>
public static class ResultStreams
{
    /// <summary>The name of the Orleans stream provider (memory streams) that carries results, on silos and clients.</summary>
    public const string ProviderName = "OrleansStreams.Results";

    /// <summary>
    /// The key, within the pipeline's stream namespace (its name), of the stream of one input
    /// partition's results. A subscriber passes a record key as filter data to receive, of the
    /// batches published, only those holding that key's results.
    /// </summary>
    /// <param name="partition">The input partition.</param>
    /// <returns>The stream key.</returns>
    public static string StreamKeyOf(int partition) => partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
