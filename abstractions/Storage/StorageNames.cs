namespace OrleansStreams.Storage;

/// <summary>Names of the grain storage providers an OrleansStreams silo registers.</summary>
public static class StorageNames
{
    /// <summary>
    /// The grain storage for key grain snapshots and committer bookkeeping:
    /// <c>[PersistentState("snapshot", StorageNames.State)]</c>. Its backend is <c>Storage:Provider</c>.
    /// </summary>
    public const string State = "state";
}
