using OrleansStreams.Records;

namespace OrleansStreams.Keys;

/// <summary>
/// The grain of one key of one pipeline, identified by <c>"&lt;pipeline&gt;/&lt;key&gt;"</c>. The
/// partition agent of the key's partition calls <see cref="Apply"/> with the key's records in
/// offset order, one call at a time; the partition's epoch loop calls <see cref="Flush"/> at
/// every epoch end. Implement a sub-interface of it to run arbitrary per-key logic in a pipeline.
/// </summary>
public interface IKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies the records of <paramref name="batch"/> whose offset is greater than the last offset
    /// the grain applied; records at or below it are replays and are skipped.
    /// </summary>
    /// <param name="batch">The records, in offset order.</param>
    /// <returns>What the grain did and when it next has work due.</returns>
    ValueTask<ApplyResult> Apply(KeyBatch batch);

    /// <summary>Ends an epoch for this key; see <see cref="FlushRequest"/>.</summary>
    /// <param name="request">The epoch, its end offset and stream time.</param>
    /// <returns>The outputs caused inside the epoch.</returns>
    ValueTask<FlushResult> Flush(FlushRequest request);
}
