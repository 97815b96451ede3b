using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace OrleansStreams.DevBroker.Network;

/// <summary>
/// Reads size-prefixed frames from a socket into pooled buffers: small frames straight from a
/// 64 KiB receive buffer (several per receive), large ones into a buffer that grows with the bytes
/// actually received, so a peer announcing a huge frame and then stalling pins little memory.
/// </summary>
internal sealed class FrameReader(Socket socket, int maxFrameBytes) : IDisposable
{
    public const int ReceiveBufferSize = 64 * 1024;
    private const int LargeFrameInitialSize = 1024 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
    private byte[]? _large;
    private int _start;
    private int _end;

    /// <summary>Why the last <see cref="ReadFrameAsync"/> returned null with the connection still open; null for a clean close.</summary>
    public string? Rejection { get; private set; }

    /// <summary>
    /// The next frame (valid until the next call), or null when the peer closed the connection or the
    /// size prefix is out of range (<see cref="Rejection"/> says which).
    /// </summary>
    public async ValueTask<Memory<byte>?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        ReturnLarge();
        if (_start == _end)
        {
            _start = _end = 0;
        }

        if (_start + 4 > _buffer.Length)
        {
            Compact();
        }

        if (!await FillAsync(4, cancellationToken))
        {
            return null;
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        if (size < RequestHeader.MinimumSize || size > maxFrameBytes)
        {
            Rejection = size > maxFrameBytes
                ? $"request size {size} exceeds the maximum of {maxFrameBytes} bytes"
                : $"invalid request size {size}";
            return null;
        }

        _start += 4;
        if (size <= _buffer.Length)
        {
            if (_start + size > _buffer.Length)
            {
                Compact();
            }

            if (!await FillAsync(size, cancellationToken))
            {
                return null;
            }

            var frame = _buffer.AsMemory(_start, size);
            _start += size;
            return frame;
        }

        return await ReadLargeAsync(size, cancellationToken);
    }

    public void Dispose()
    {
        ReturnLarge();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask<Memory<byte>?> ReadLargeAsync(int size, CancellationToken cancellationToken)
    {
        var have = _end - _start;
        _large = ArrayPool<byte>.Shared.Rent(Math.Min(size, Math.Max(LargeFrameInitialSize, have)));
        _buffer.AsSpan(_start, have).CopyTo(_large);
        _start = _end = 0;
        while (have < size)
        {
            if (have == _large.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, (long)_large.Length * 2));
                _large.AsSpan(0, have).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_large);
                _large = bigger;
            }

            var read = await socket.ReceiveAsync(_large.AsMemory(have, Math.Min(size, _large.Length) - have), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            have += read;
        }

        return _large.AsMemory(0, size);
    }

    /// <summary>Receives until at least <paramref name="count"/> bytes follow <see cref="_start"/>; false on a clean close.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    private void Compact()
    {
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
    }

    private void ReturnLarge()
    {
        if (_large is not null)
        {
            ArrayPool<byte>.Shared.Return(_large);
            _large = null;
        }
    }
}
