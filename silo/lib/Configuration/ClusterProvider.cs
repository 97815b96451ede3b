namespace OrleansStreams.Configuration;

/// <summary>How silos find each other.</summary>
public enum ClusterProvider
{
    /// <summary>Development clustering on one machine: the first silo is the primary, the others join it.</summary>
    Localhost,

    /// <summary>Membership in a relational database (PostgreSQL) through Orleans' ADO.NET clustering.</summary>
    AdoNet,
}
