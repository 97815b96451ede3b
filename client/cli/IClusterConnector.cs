using OrleansStreams.Configuration;
namespace OrleansStreams.Client.Cli;

/// <summary>Connects the commands to a cluster; tests put a fake client behind it.</summary>
internal interface IClusterConnector
{
    /// <summary>Connects with the <c>Cluster</c> settings of the environment, overridden by <paramref name="settings"/>.</summary>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
    /// <exception cref="ClusterUnreachableException">No silo answered within the connect timeout.</exception>
    Task<IClusterSession> ConnectAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken);
}

/// <summary>A connection to a cluster; disposing it disconnects.</summary>
internal interface IClusterSession : IAsyncDisposable
{
    IOrleansStreamsClient Client { get; }
}
