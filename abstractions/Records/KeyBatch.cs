namespace OrleansStreams.Records;

/// <summary>
/// The records of one key that a partition agent hands to the key's grain in one call, in offset
/// order. A key grain receives at most one batch at a time.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.KeyBatch")]
public sealed class KeyBatch
{
    /// <summary>The pipeline the records belong to.</summary>
    [Id(0)]
    public required string Pipeline { get; init; }

    /// <summary>The input partition the records were read from.</summary>
    [Id(1)]
    public required int Partition { get; init; }

    /// <summary>
    /// The partition's generation. A grain that sees a newer generation reloads its state from
    /// storage before applying anything; a batch of an older generation is refused.
    /// </summary>
    [Id(2)]
    public required long Generation { get; init; }

    /// <summary>The partition's latest committed epoch known to the agent: a grain that (re)loads its state loads the newest snapshot at or below it.</summary>
    [Id(3)]
    public required long CommittedEpoch { get; init; }

    /// <summary>
    /// The offset of this key's last record that the grain acknowledged in this generation, or -1.
    /// A grain whose last applied offset is below it has lost state it had acknowledged and must
    /// answer <see cref="Keys.ApplyStatus.StateLost"/>, so the partition rewinds instead of losing effects.
    /// </summary>
    [Id(4)]
    public required long PreviousOffset { get; init; }

    /// <summary>The records, in offset order.</summary>
    [Id(5)]
    public required StreamRecord[] Records { get; init; }

    /// <summary>The silo whose partition agent sent the batch (the partition's owner).</summary>
    [Id(6)]
    public string? AgentSilo { get; init; }
}
