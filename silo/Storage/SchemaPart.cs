namespace OrleansStreams.Storage;

/// <summary>Which Orleans ADO.NET provider a schema script serves.</summary>
internal enum SchemaPart
{
    /// <summary>Grain state (<c>Microsoft.Orleans.Persistence.AdoNet</c>).</summary>
    Persistence,

    /// <summary>Cluster membership (<c>Microsoft.Orleans.Clustering.AdoNet</c>).</summary>
    Clustering,
}
