using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>Handles one Kafka API over the versions it advertises.</summary>
internal interface IApiHandler
{
    ApiKey Key { get; }

    short MinVersion { get; }

    short MaxVersion { get; }

    /// <summary>First version using the flexible encoding; <see cref="short.MaxValue"/> when none is advertised.</summary>
    short FirstFlexibleVersion { get; }

    /// <summary>
    /// Reads the request and writes the response body (the header is already written). Returns false when
    /// the request gets no response at all (Produce with acks=0).
    /// </summary>
    ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken);
}
