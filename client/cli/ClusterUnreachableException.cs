namespace OrleansStreams.Client.Cli;

/// <summary>No silo of the cluster could be reached; the message is one line saying where the client looked and why it failed.</summary>
internal sealed class ClusterUnreachableException(string message) : Exception(message);
