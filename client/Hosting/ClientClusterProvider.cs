namespace OrleansStreams.Client.Hosting;

/// <summary>How the client finds the cluster's gateways; the same names as the silo's <c>Cluster:Provider</c>.</summary>
internal enum ClientClusterProvider
{
    /// <summary>A fixed list of gateways (<c>Cluster:Gateways</c>), by default the local silo's.</summary>
    Localhost,

    /// <summary>The gateways the silos list in the PostgreSQL membership table.</summary>
    AdoNet,
}
