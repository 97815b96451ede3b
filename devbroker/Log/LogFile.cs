using Microsoft.Win32.SafeHandles;

namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// An append-only file written with positional writes. A write returns once the bytes are in the
/// operating system (so they survive the broker being killed); <see cref="FlushTo"/> makes them
/// durable on disk and batches concurrent callers into one fsync.
/// </summary>
internal sealed class LogFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly Lock _flushLock = new();
    private long _length;
    private long _flushed;

    private LogFile(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
        _length = RandomAccess.GetLength(handle);
        _flushed = _length;
    }

    public string Path { get; }

    public long Length => Volatile.Read(ref _length);

    public static LogFile Open(string path) =>
        new(path, File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));

    /// <summary>Appends at the end; the caller serializes appends. Returns the position written at.</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        var position = _length;
        RandomAccess.Write(_handle, bytes, position);
        Volatile.Write(ref _length, position + bytes.Length);
        return position;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes at <paramref name="position"/>.</summary>
    public void ReadExactly(Span<byte> destination, long position)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, destination, position);
            if (read <= 0)
            {
                throw new EndOfStreamException($"{Path}: unexpected end at {position}");
            }

            destination = destination[read..];
            position += read;
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes; returns how many were read.</summary>
    public int Read(Span<byte> destination, long position)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(_handle, destination[total..], position + total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Cuts the file at <paramref name="length"/> (recovery of a torn tail).</summary>
    public void Truncate(long length)
    {
        RandomAccess.SetLength(_handle, length);
        RandomAccess.FlushToDisk(_handle);
        _length = length;
        _flushed = length;
    }

    /// <summary>Makes everything up to <paramref name="position"/> durable; one fsync serves every waiting caller.</summary>
    public void FlushTo(long position)
    {
        if (Volatile.Read(ref _flushed) >= position)
        {
            return;
        }

        lock (_flushLock)
        {
            if (_flushed >= position)
            {
                return;
            }

            var target = Volatile.Read(ref _length);
            RandomAccess.FlushToDisk(_handle);
            Volatile.Write(ref _flushed, target);
        }
    }

    public void Flush() => FlushTo(Length);

    public void Dispose() => _handle.Dispose();
}
