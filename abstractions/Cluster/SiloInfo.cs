namespace OrleansStreams.Cluster;

/// <summary>Identity of one silo of an OrleansStreams cluster.</summary>
/// <param name="SiloAddress">The silo's Orleans address (endpoint and generation).</param>
/// <param name="SiloName">The silo's configured name.</param>
/// <param name="ProductVersion">The OrleansStreams version the silo runs.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.SiloInfo")]
public sealed record SiloInfo(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] string SiloName,
    [property: Id(2)] string ProductVersion);
