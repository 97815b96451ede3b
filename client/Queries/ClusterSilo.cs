namespace OrleansStreams.Client;

/// <summary>One silo of the cluster, as the membership table lists it.</summary>
/// <param name="Address">The silo's Orleans address (endpoint and generation), as partition reports name it.</param>
/// <param name="Name">The silo's configured name.</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="Status">Its membership status, e.g. <c>Active</c>.</param>
/// <param name="GatewayPort">The port clients connect to; 0 when it takes no clients.</param>
/// <param name="StartedAt">When it started.</param>
public sealed record ClusterSilo(string Address, string Name, string HostName, string Status, int GatewayPort, DateTimeOffset StartedAt);
