namespace OrleansStreams.Grains;

/// <summary>Names of the grain storage providers the grains use; the silo registers providers under these names.</summary>
public static class GrainStorageNames
{
    /// <summary>Key-grain snapshots and committer state.</summary>
    public const string State = "state";
}
