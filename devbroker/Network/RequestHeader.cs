namespace OrleansStreams.DevBroker.Network;

/// <summary>Request header v1/v2: ApiKey, ApiVersion, CorrelationId, ClientId (always the classic string) and, in v2, tags.</summary>
internal readonly record struct RequestHeader(short ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    /// <summary>Smallest possible header: key, version, correlation id and a null client id.</summary>
    public const int MinimumSize = 10;
}
