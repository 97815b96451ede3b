namespace OrleansStreams.Grains.Keys;

/// <summary>
/// A key grain's row in grain storage: the snapshot known to be committed and the one written by
/// the latest flush, which is committed only if its epoch's Kafka transaction commits.
/// </summary>
[GenerateSerializer, Alias("OrleansStreams.KeySnapshotState")]
internal sealed class KeySnapshotState
{
    /// <summary>The input partition the key belongs to, or -1 before its first record.</summary>
    [Id(0)]
    public int Partition { get; set; } = -1;

    [Id(1)]
    public long CommittedEpoch { get; set; }

    [Id(2)]
    public byte[]? Committed { get; set; }

    [Id(3)]
    public long PendingEpoch { get; set; }

    [Id(4)]
    public byte[]? Pending { get; set; }
}
