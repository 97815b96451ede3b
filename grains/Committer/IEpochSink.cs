using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// Where one committer generation sends its epochs: each epoch's outputs and the partition's input
/// offset (with its <see cref="EpochMetadata"/>) go together — atomically in exactly-once mode, so
/// a reader sees the outputs exactly when the offset that caused them is committed. The calls block
/// (client libraries do); the committer runs them off the grain scheduler, under a deadline. One
/// implementation: <see cref="KafkaEpochSink"/>.
/// </summary>
internal interface IEpochSink : IDisposable
{
    /// <summary>Claims the partition for this generation: fences older sinks of the same partition and aborts what they left open.</summary>
    void Fence();

    /// <summary>The partition's committed input offset with its metadata; offset -1 and <see cref="EpochMetadata.None"/> when nothing was committed.</summary>
    (long Offset, EpochMetadata Metadata) ReadCommitted();

    /// <summary>Sends the epoch's outputs and commits <paramref name="endOffset"/> with <paramref name="metadata"/>; throws when it did not commit.</summary>
    void Commit(long epoch, IReadOnlyList<OutputRecord> outputs, long endOffset, EpochMetadata metadata);
}

/// <summary>Opens the <see cref="IEpochSink"/> of a committer generation.</summary>
internal interface IEpochSinkFactory
{
    /// <summary>A new sink for <paramref name="partition"/> of <paramref name="pipeline"/>; it fences nothing until <see cref="IEpochSink.Fence"/>.</summary>
    IEpochSink Open(PipelineDefinition pipeline, int partition);
}
