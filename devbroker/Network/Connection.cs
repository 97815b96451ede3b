using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Api;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Network;

/// <summary>
/// One client connection. Frames (see <see cref="FrameReader"/>) are handled one at a time, in order,
/// like Kafka does; a handler that parks (Fetch long-poll, JoinGroup, SyncGroup) only holds up this
/// connection. Anything malformed or unsupported closes the connection with one log line.
/// </summary>
internal sealed class Connection
{
    private readonly Socket _socket;
    private readonly ApiHandlers _handlers;
    private readonly int _maxRequestBytes;
    private readonly ILogger _logger;
    private readonly RequestContext _request = new();
    private readonly string _remote;

    public Connection(Socket socket, ApiHandlers handlers, int maxRequestBytes, ILogger logger)
    {
        _socket = socket;
        _handlers = handlers;
        _maxRequestBytes = maxRequestBytes;
        _logger = logger;
        var endPoint = socket.RemoteEndPoint as IPEndPoint;
        _remote = endPoint?.ToString() ?? "unknown";
        _request.ClientHost = "/" + (endPoint?.Address.ToString() ?? "unknown");
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var frames = new FrameReader(_socket, _maxRequestBytes);
        using var response = new KafkaWriter();
        try
        {
            while (await frames.ReadFrameAsync(cancellationToken) is { } frame)
            {
                if (!await ProcessAsync(frame, response, cancellationToken))
                {
                    return;
                }
            }

            if (frames.Rejection is { } reason)
            {
                Reject(reason);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Broker stopping.
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            BrokerLog.LogConnectionClosed(_logger, _remote, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never let one connection take the broker down.
            BrokerLog.LogConnectionFailed(_logger, _remote, e);
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>Closes the socket so a pending receive or send ends (broker stop).</summary>
    public void Abort() => _socket.Dispose();

    private async ValueTask<bool> ProcessAsync(Memory<byte> frame, KafkaWriter response, CancellationToken cancellationToken)
    {
        if (!TryParseHeader(frame, out var handler, out var header))
        {
            return false;
        }

        response.Reset();
        var sizeAt = response.ReserveInt32();
        response.WriteInt32(header.CorrelationId);
        if (handler is null)
        {
            // ApiVersions at a version we do not support: v0 body with UNSUPPORTED_VERSION (KIP-511).
            ApiVersionsHandler.WriteUnsupportedVersion(response, _handlers);
        }
        else
        {
            response.Flexible = _request.Flexible;
            if (_request.Flexible && _request.ApiKey != ApiKey.ApiVersions)
            {
                response.WriteTags();
            }

            try
            {
                BrokerLog.LogRequestHandled(_logger, _remote, header.ApiKey, header.ApiVersion, header.CorrelationId);
                if (!await handler.HandleAsync(_request, response, cancellationToken))
                {
                    return true;
                }
            }
            catch (MalformedRequestException e)
            {
                Reject($"malformed {(ApiKey)header.ApiKey} v{header.ApiVersion} request: {e.Message}");
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                BrokerLog.LogRequestFailed(_logger, _remote, header.ApiKey, header.ApiVersion, e);
                return false;
            }
        }

        response.PatchInt32(sizeAt, response.Length - 4);
        var pending = response.WrittenMemory;
        while (!pending.IsEmpty)
        {
            var sent = await _socket.SendAsync(pending, SocketFlags.None, cancellationToken);
            pending = pending[sent..];
        }

        return true;
    }

    /// <summary>Reads the request header; null handler with true means "answer ApiVersions with UNSUPPORTED_VERSION".</summary>
    private bool TryParseHeader(Memory<byte> frame, out IApiHandler? handler, out RequestHeader header)
    {
        var reader = new KafkaReader(frame.Span);
        try
        {
            var apiKey = reader.ReadInt16();
            var apiVersion = reader.ReadInt16();
            var correlationId = reader.ReadInt32();
            header = new RequestHeader(apiKey, apiVersion, correlationId, null);
            handler = _handlers.Find(apiKey);
            if (handler is null)
            {
                Reject($"unknown API key {apiKey}");
                return false;
            }

            if (apiVersion < handler.MinVersion || apiVersion > handler.MaxVersion)
            {
                if (handler.Key == ApiKey.ApiVersions && apiVersion > handler.MaxVersion)
                {
                    handler = null;
                    return true;
                }

                Reject($"unsupported version {apiVersion} of {handler.Key} (supported {handler.MinVersion}-{handler.MaxVersion})");
                return false;
            }

            var flexible = apiVersion >= handler.FirstFlexibleVersion;
            header = header with { ClientId = reader.ReadNullableString() };
            reader.Flexible = flexible;
            reader.SkipTaggedFields();
            _request.ApiKey = handler.Key;
            _request.ApiVersion = apiVersion;
            _request.CorrelationId = correlationId;
            _request.ClientId = header.ClientId;
            _request.Flexible = flexible;
            _request.Body = frame[reader.Position..];
            return true;
        }
        catch (MalformedRequestException e)
        {
            Reject($"malformed request header: {e.Message}");
            handler = null;
            header = default;
            return false;
        }
    }

    private void Reject(string reason) => BrokerLog.LogConnectionRejected(_logger, _remote, reason);
}
