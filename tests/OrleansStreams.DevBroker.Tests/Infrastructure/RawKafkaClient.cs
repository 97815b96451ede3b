using System.Buffers.Binary;
using System.Net.Sockets;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Tests.Infrastructure;

/// <summary>
/// A bare Kafka protocol client over one TCP connection, for what Confluent.Kafka cannot do on
/// purpose: resend the same batch, send offset metadata strings, send garbage.
/// </summary>
public sealed class RawKafkaClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _correlationId;

    private RawKafkaClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawKafkaClient> ConnectAsync(string bootstrapServers)
    {
        var colon = bootstrapServers.LastIndexOf(':');
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(bootstrapServers[..colon], int.Parse(bootstrapServers[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new RawKafkaClient(client);
    }

    /// <summary>Sends a request and returns the response body (after the correlation id and, for flexible versions, the header tags).</summary>
    internal async Task<byte[]> SendAsync(ApiKey apiKey, short version, bool flexible, Action<KafkaWriter> writeBody)
    {
        var correlationId = ++_correlationId;
        using var writer = new KafkaWriter();
        var sizeAt = writer.ReserveInt32();
        writer.WriteInt16((short)apiKey);
        writer.WriteInt16(version);
        writer.WriteInt32(correlationId);
        writer.WriteString("raw-test");
        writer.Flexible = flexible;
        writer.WriteTags();
        writeBody(writer);
        writer.PatchInt32(sizeAt, writer.Length - 4);
        await SendRawAsync(writer.WrittenMemory);
        var response = await ReceiveFrameAsync() ?? throw new IOException("connection closed by the broker");
        Assert.Equal(correlationId, BinaryPrimitives.ReadInt32BigEndian(response));
        var skip = 4 + (flexible && apiKey != ApiKey.ApiVersions ? 1 : 0);
        return response[skip..];
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one response frame; null when the broker closed the connection.</summary>
    public async Task<byte[]?> ReceiveFrameAsync()
    {
        var size = new byte[4];
        if (!await ReadExactlyAsync(size))
        {
            return null;
        }

        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        return await ReadExactlyAsync(frame) ? frame : null;
    }

    /// <summary>True when the broker closes the connection within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByBrokerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var buffer = new byte[1];
            return await _stream.ReadAsync(buffer, cts.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
