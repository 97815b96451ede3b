using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Api;
using OrleansStreams.DevBroker.Diagnostics;

namespace OrleansStreams.DevBroker.Network;

/// <summary>
/// The listening socket and its connections. SO_REUSEADDR (and only that: no SO_REUSEPORT, so two
/// brokers can never share a port) lets a restarted broker bind the port of a stopped one at once.
/// </summary>
internal sealed class BrokerListener : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Connection, Task> _connections = new();
    private readonly ILogger _logger;
    private Task _acceptLoop = Task.CompletedTask;

    private BrokerListener(Socket socket, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static BrokerListener Bind(string host, int port, ILogger logger)
    {
        var address = IPAddress.TryParse(host, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(host).First(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            SetReuseAddress(socket);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
            return new BrokerListener(socket, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start(ApiHandlers handlers, int maxRequestBytes) =>
        _acceptLoop = AcceptLoopAsync(handlers, maxRequestBytes, _stopping.Token);

    /// <summary>Stops accepting, closes every connection and waits for their loops to end.</summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        _socket.Dispose();
        await _acceptLoop;
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }

        await Task.WhenAll(_connections.Values);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>Closes a listener that was bound but never started (a failed broker start).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(ApiHandlers handlers, int maxRequestBytes, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                BrokerLog.LogConnectionClosed(_logger, "listener", e.Message);
                continue;
            }

            client.NoDelay = true;
            var connection = new Connection(client, handlers, maxRequestBytes, _logger);
            _connections[connection] = Task.CompletedTask;
            var run = RunConnectionAsync(connection, cancellationToken);
            _connections.TryUpdate(connection, run, Task.CompletedTask);
        }
    }

    private async Task RunConnectionAsync(Connection connection, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync(cancellationToken);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    private static void SetReuseAddress(Socket socket)
    {
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(0xFFFF /* SOL_SOCKET */, 4 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
        }

        // Windows lets a port be bound again right after close without any option.
    }
}
