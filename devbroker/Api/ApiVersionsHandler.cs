using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// ApiVersions v0-3: the first request of every librdkafka connection. The response header never
/// has tags (even for v3); a version above 3 is answered in the v0 layout with UNSUPPORTED_VERSION.
/// </summary>
internal sealed class ApiVersionsHandler(Func<ApiHandlers> handlers) : IApiHandler
{
    public ApiKey Key => ApiKey.ApiVersions;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 3;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        // The v3 body names the client software; nothing here depends on it.
        response.WriteInt16(ErrorCodes.None);
        WriteApiKeys(response, handlers());
        if (request.ApiVersion >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteTags();
        return new ValueTask<bool>(true);
    }

    /// <summary>The KIP-511 answer to a newer ApiVersions request than we know.</summary>
    public static void WriteUnsupportedVersion(KafkaWriter response, ApiHandlers handlers)
    {
        response.Flexible = false;
        response.WriteInt16(ErrorCodes.UnsupportedVersion);
        WriteApiKeys(response, handlers);
    }

    private static void WriteApiKeys(KafkaWriter response, ApiHandlers handlers)
    {
        response.WriteArrayLength(handlers.All.Count);
        foreach (var handler in handlers.All)
        {
            response.WriteInt16((short)handler.Key);
            response.WriteInt16(handler.MinVersion);
            response.WriteInt16(handler.MaxVersion);
            response.WriteTags();
        }
    }
}
