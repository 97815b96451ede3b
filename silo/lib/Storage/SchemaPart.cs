namespace OrleansStreams.Storage;

/// <summary>Which part of OrleansStreams' storage a schema script serves.</summary>
internal enum SchemaPart
{
    /// <summary>Grain state (<c>Microsoft.Orleans.Persistence.AdoNet</c>).</summary>
    Persistence,

    /// <summary>Cluster membership (<c>Microsoft.Orleans.Clustering.AdoNet</c>).</summary>
    Clustering,

    /// <summary>Checkpointed key state of windowed pipelines (<c>IKeyStateStore</c>, silo/lib/Storage/KeyState).</summary>
    KeyState,
}
