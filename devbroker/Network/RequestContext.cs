using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Network;

/// <summary>
/// One request as a handler sees it: the parsed header, the body bytes (writable, so Produce can
/// stamp offsets into batches in place) and who sent it.
/// </summary>
internal sealed class RequestContext
{
    public ApiKey ApiKey { get; set; }

    public short ApiVersion { get; set; }

    public int CorrelationId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Whether this request version uses the flexible encoding.</summary>
    public bool Flexible { get; set; }

    /// <summary>The request body (after the header); valid until the handler completes.</summary>
    public Memory<byte> Body { get; set; }

    /// <summary>The peer as Kafka shows it in DescribeGroups, e.g. "/127.0.0.1".</summary>
    public string ClientHost { get; set; } = "";

    public KafkaReader CreateReader() => new(Body.Span, Flexible);
}
