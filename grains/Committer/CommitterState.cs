namespace OrleansStreams.Grains.Committer;

/// <summary>What a committer keeps in grain storage.</summary>
[GenerateSerializer, Alias("OrleansStreams.CommitterState")]
internal sealed class CommitterState
{
    /// <summary>The partition's latest generation.</summary>
    [Id(0)]
    public long Generation { get; set; }

    /// <summary>The due index of an epoch known to be committed.</summary>
    [Id(1)]
    public DueSnapshot? CommittedDue { get; set; }

    /// <summary>The due index written with the epoch being committed (it may not have committed).</summary>
    [Id(2)]
    public DueSnapshot? PendingDue { get; set; }
}
