using Microsoft.Extensions.Logging.Abstractions;
using OrleansStreams.Client.Cli;
using OrleansStreams.Client.Querying;
using OrleansStreams.Client.Tests.Queries;

namespace OrleansStreams.Client.Tests.Cli;

/// <summary>Connects the commands to the SDK's client over a <see cref="FakeTransport"/>, and records the settings it was given.</summary>
internal sealed class FakeConnector : IClusterConnector
{
    public FakeConnector(FakeTransport cluster, TimeProvider time)
    {
        Client = new OrleansStreamsClient(cluster, time, NullLogger.Instance);
    }

    public IOrleansStreamsClient Client { get; set; }

    public Exception? Failure { get; set; }

    public IReadOnlyDictionary<string, string?>? Settings { get; private set; }

    public int Connections { get; private set; }

    public Task<IClusterSession> ConnectAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        Connections++;
        Settings = settings;
        return Failure is { } failure ? Task.FromException<IClusterSession>(failure) : Task.FromResult<IClusterSession>(new Session(Client));
    }

    private sealed class Session(IOrleansStreamsClient client) : IClusterSession
    {
        public IOrleansStreamsClient Client { get; } = client;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
