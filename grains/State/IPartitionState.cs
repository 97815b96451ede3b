using OrleansStreams.Keys;
using OrleansStreams.Queries;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.State;

/// <summary>
/// The window state of every key of one input partition of a windowed pipeline, with the
/// pipeline's types inside and plain records outside. Pure logic, deterministic, not thread-safe:
/// the partition's state grain is its only caller.
/// </summary>
internal interface IPartitionState
{
    /// <summary>Keys held in memory.</summary>
    int KeyCount { get; }

    /// <summary>Whether <paramref name="key"/> has state here.</summary>
    bool Contains(string key);

    /// <summary>Adds a key from a checkpoint (before any record is applied).</summary>
    void Restore(string key, ReadOnlySpan<byte> snapshot);

    /// <summary>
    /// Processes records in offset order; <paramref name="keys"/>[i] is record i's key. A record at or
    /// below its key's last processed offset is a replay and is skipped. A record whose key is in
    /// <paramref name="foreign"/> belongs to another partition: it becomes a dead letter naming it.
    /// The records belong to <paramref name="epoch"/> (or a later one); before one at or above
    /// <paramref name="imageFrom"/> first changes a key in that epoch, the key's windows are saved for
    /// committed reads (records below it were committed before, and need no image).
    /// </summary>
    void Apply(ReadOnlySpan<StreamRecord> records, ReadOnlySpan<string> keys, IReadOnlyDictionary<string, int> foreign, long epoch, long imageFrom);

    /// <summary>Epoch <paramref name="epoch"/> committed: committed reads now see it, and older images are dropped.</summary>
    void Committed(long epoch);

    /// <summary>
    /// The windows of <paramref name="keys"/> that overlap [<paramref name="from"/>, <paramref name="to"/>):
    /// with <see cref="QueryConsistency.Committed"/> as of the last committed epoch, else as applied.
    /// A window is final when <paramref name="committedStreamTime"/> closed it (or, for latest reads, when it closed).
    /// </summary>
    StoredKeyWindows[] Query(ReadOnlySpan<string> keys, QueryConsistency consistency, long from, long to, long committedStreamTime);

    /// <summary>
    /// Ends an epoch: closes every window due by <paramref name="streamTime"/>, adds the outputs caused
    /// below <paramref name="endOffset"/> (final results carry their close time instead) to
    /// <paramref name="outputs"/>, and with <paramref name="checkpoint"/> adds a row for every key
    /// changed since the last checkpoint to <paramref name="rows"/> (null data for a key left with no
    /// state, which is dropped from memory).
    /// </summary>
    /// <returns>The number of keys whose windows closed or expired.</returns>
    int Flush(long streamTime, long endOffset, bool checkpoint, List<OutputRecord> outputs, CheckpointRows rows);

    /// <summary>What the partition holds for <paramref name="key"/>, or null when it holds nothing.</summary>
    KeyInspection? Inspect(string key);

    /// <summary>Drops a key found to belong to another partition; its later records are dead-lettered.</summary>
    void Disown(string key);
}
