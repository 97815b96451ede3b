namespace OrleansStreams.DevBroker.Api;

/// <summary>The handlers by API key: what the broker advertises in ApiVersions and dispatches to.</summary>
internal sealed class ApiHandlers
{
    private readonly IApiHandler?[] _byKey = new IApiHandler?[128];

    public ApiHandlers(IEnumerable<IApiHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            _byKey[(short)handler.Key] = handler;
        }

        All = [.. _byKey.OfType<IApiHandler>()];
    }

    /// <summary>Every handler in API key order.</summary>
    public IReadOnlyList<IApiHandler> All { get; }

    public IApiHandler? Find(short apiKey) => (uint)apiKey < (uint)_byKey.Length ? _byKey[apiKey] : null;
}
