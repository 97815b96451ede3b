namespace OrleansStreams.Records;

/// <summary>
/// One input record as a key grain receives it: the Kafka record plus what the partition agent
/// stamped on it in offset order.
/// </summary>
/// <param name="Offset">The record's offset in its partition; also the causing offset of any output it produces.</param>
/// <param name="Timestamp">The Kafka record timestamp, milliseconds since the Unix epoch.</param>
/// <param name="EventTime">The record's event time (the timestamp, or what the pipeline's extractor read).</param>
/// <param name="StreamTime">The partition's stream time at this offset: the largest event time seen up to and including this record.</param>
/// <param name="Key">The raw record key.</param>
/// <param name="Value">The raw record value.</param>
/// <param name="Headers">The record headers, or <see langword="null"/> when it has none.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.StreamRecord")]
public readonly record struct StreamRecord(
    [property: Id(0)] long Offset,
    [property: Id(1)] long Timestamp,
    [property: Id(2)] long EventTime,
    [property: Id(3)] long StreamTime,
    [property: Id(4)] byte[]? Key,
    [property: Id(5)] byte[]? Value,
    [property: Id(6)] RecordHeader[]? Headers);
