namespace OrleansStreams.Client.Cli;

/// <summary>What the process exit code tells a script; the usage text lists them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary><c>verify</c>: the output differs; <c>query</c>: a key has no state.</summary>
    public const int Negative = 1;

    /// <summary>A bad command line or <c>Cluster</c> setting, or the cluster cannot be reached or failed a call.</summary>
    public const int UsageOrCluster = 2;

    public const int Kafka = 3;

    /// <summary><c>query</c>: a partition could not answer within <c>--wait</c>.</summary>
    public const int NotYet = 4;

    /// <summary>The cluster has no such pipeline, or it is not windowed.</summary>
    public const int NoSuchPipeline = 5;

    public const int Cancelled = 130;
}
