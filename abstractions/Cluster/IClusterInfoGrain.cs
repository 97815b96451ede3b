namespace OrleansStreams.Cluster;

/// <summary>
/// Answers questions about the silo that hosts the activation. Stateless: every silo
/// can answer, so a client can use it to check that the cluster is reachable.
/// </summary>
public interface IClusterInfoGrain : IGrainWithIntegerKey
{
    /// <summary>Describes the silo that served the call.</summary>
    /// <returns>The silo's address, name and product version.</returns>
    Task<SiloInfo> GetSiloInfo();
}
