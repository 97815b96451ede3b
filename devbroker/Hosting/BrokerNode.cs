namespace OrleansStreams.DevBroker.Hosting;

/// <summary>
/// This broker as clients see it in Metadata and FindCoordinator: one node that is also the
/// controller, the group coordinator and the transaction coordinator.
/// </summary>
internal sealed record BrokerNode(int NodeId, string Host, int Port, string ClusterId)
{
    public const int DefaultNodeId = 1;

    public string Address => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
