namespace OrleansStreams.Grains.Committer;

/// <summary>
/// What the committer of a pipeline with its own key grain keeps in grain storage: the partition's
/// due index. (Generations are kept by the key state store, which fences with them.)
/// </summary>
[GenerateSerializer, Alias("OrleansStreams.CommitterState")]
internal sealed class CommitterState
{
    /// <summary>The due index of an epoch known to be committed.</summary>
    [Id(1)]
    public DueSnapshot? CommittedDue { get; set; }

    /// <summary>The due index written with the epoch being committed (it may not have committed).</summary>
    [Id(2)]
    public DueSnapshot? PendingDue { get; set; }
}
