using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.State;
using OrleansStreams.DevBroker.Transactions;

namespace OrleansStreams.DevBroker.Hosting;

/// <summary>The services of one running broker, shared by the API handlers.</summary>
internal sealed class BrokerContext
{
    public required DevBrokerOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    public required BrokerNode Node { get; init; }

    public required Journal Journal { get; init; }

    public required TopicRegistry Topics { get; init; }

    public required GroupCoordinator Groups { get; init; }

    public required TransactionCoordinator Transactions { get; init; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
