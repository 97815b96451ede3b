namespace OrleansStreams.Grains.State;

/// <summary>
/// Where windowed pipelines checkpoint their per-key state, partition by partition. A key belongs
/// to one partition of its pipeline; each stored key keeps its latest checkpointed version and the
/// one before it, so a checkpoint whose epoch never committed can be rolled back. Every write is
/// fenced by the partition's generation: once a newer generation has begun, writes of older ones fail
/// with <see cref="StateFencedException"/>, whichever process makes them.
/// </summary>
internal interface IKeyStateStore
{
    /// <summary>
    /// Begins a new generation of the partition: increments its generation (starting at 1) and
    /// returns it. From then on writes carrying an older generation fail.
    /// </summary>
    Task<long> BeginGenerationAsync(string pipeline, int partition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the partition's stored state that of checkpoint <paramref name="checkpoint"/> (an epoch
    /// number; 0 = no checkpoint, nothing kept): every key written by a later checkpoint reverts to its
    /// previous version, or disappears when it had none. Fenced by <paramref name="generation"/>.
    /// </summary>
    Task RollBackAsync(string pipeline, int partition, long generation, long checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The partition's keys that have state (deleted keys excluded), in no particular order.</summary>
    IAsyncEnumerable<KeyStateRow> LoadAsync(string pipeline, int partition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one checkpoint of the partition atomically (all rows or none): each row's data becomes
    /// the key's version <paramref name="checkpoint"/> and its version before that is kept as the
    /// previous one; a row with <see langword="null"/> data deletes the key. Rows whose key belongs to
    /// another partition of the pipeline are not written and come back in the result. Fenced by
    /// <paramref name="generation"/>. Callers write checkpoints of a partition one at a time, each only
    /// after the previous one's epoch committed, so every stored version older than
    /// <paramref name="checkpoint"/> is committed.
    /// </summary>
    Task<CheckpointWriteResult> WriteCheckpointAsync(
        string pipeline, int partition, long generation, long checkpoint, IReadOnlyList<KeyStateRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Of <paramref name="keys"/>, those stored for any partition of the pipeline, with their partition.</summary>
    Task<IReadOnlyDictionary<string, int>> FindOwnersAsync(string pipeline, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);
}
