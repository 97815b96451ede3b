using OrleansStreams.Records;

namespace OrleansStreams.Keys;

/// <summary>
/// A record a key grain (or a partition agent) wants produced. Every output carries its
/// causing offset: the input offset whose application produced it. A window-close result does
/// not know it; it carries the close time instead, and the partition resolves the causing offset
/// as the first offset at which stream time reached the close time.
/// </summary>
/// <param name="Kind">Which of the pipeline's topics it goes to.</param>
/// <param name="CausingOffset">The causing offset, or -1 when <paramref name="CloseTime"/> must be resolved.</param>
/// <param name="CloseTime">For window-close results: the stream time at which the window closed; otherwise -1.</param>
/// <param name="Timestamp">The record timestamp to produce with (ms since the Unix epoch).</param>
/// <param name="Key">The record key.</param>
/// <param name="Value">The record value.</param>
/// <param name="Headers">Headers to produce, or <see langword="null"/>; lineage headers are added when produced.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.OutputRecord")]
public readonly record struct OutputRecord(
    [property: Id(0)] OutputKind Kind,
    [property: Id(1)] long CausingOffset,
    [property: Id(2)] long CloseTime,
    [property: Id(3)] long Timestamp,
    [property: Id(4)] byte[]? Key,
    [property: Id(5)] byte[]? Value,
    [property: Id(6)] RecordHeader[]? Headers);
