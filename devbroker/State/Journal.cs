using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.State;

/// <summary>
/// The broker's metadata journal (Kafka keeps the same facts in __consumer_offsets and
/// __transaction_state): topics, committed and pending group offsets, transaction states, producer
/// id blocks. Each record is <c>INT32 length, UINT32 CRC-32C, type, body</c>; a write reaches the
/// operating system before the caller answers its client. Replay stops at the first torn or
/// corrupt record and cuts it off; <see cref="Compact"/> rewrites the file as a snapshot.
/// </summary>
internal sealed class Journal : IDisposable
{
    private const int FrameOverhead = 8;
    private readonly Lock _lock = new();
    private readonly Lock _compactLock = new();
    private readonly KafkaWriter _scratch = new();
    private readonly bool _fsync;
    private LogFile _file;

    private Journal(LogFile file, bool fsync)
    {
        _file = file;
        _fsync = fsync;
    }

    public string Path => _file.Path;

    /// <summary>Replays an existing journal into <paramref name="visitor"/>, truncating a torn tail.</summary>
    public static void Replay(string path, JournalVisitor visitor, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string? problem = null;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < FrameOverhead)
            {
                problem = "incomplete record header";
                break;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            if (length < 1 || length > bytes.Length - position - FrameOverhead)
            {
                problem = "incomplete record";
                break;
            }

            var payload = bytes.AsSpan(position + FrameOverhead, length);
            if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 4)))
            {
                problem = "checksum mismatch";
                break;
            }

            var reader = new KafkaReader(payload[1..]);
            visitor((JournalRecordType)payload[0], ref reader);
            position += FrameOverhead + length;
        }

        if (problem is not null)
        {
            BrokerLog.LogTruncatedTail(logger, System.IO.Path.GetFileName(path), position, bytes.Length - position, problem);
            using var file = LogFile.Open(path);
            file.Truncate(position);
        }
    }

    /// <summary>Opens the journal for appending (after <see cref="Replay"/>).</summary>
    public static Journal Open(string path, bool fsync) => new(LogFile.Open(path), fsync);

    /// <summary>Appends one record; returns once it is in the operating system (and on disk when fsync is on).</summary>
    public void Append<TState>(JournalRecordType type, TState state, Action<KafkaWriter, TState> writeBody)
    {
        lock (_lock)
        {
            _scratch.Reset();
            var lengthAt = _scratch.ReserveInt32();
            _scratch.ReserveInt32();
            _scratch.WriteByte((byte)type);
            writeBody(_scratch, state);
            var payloadLength = _scratch.Length - FrameOverhead;
            _scratch.PatchInt32(lengthAt, payloadLength);
            var crc = Crc32C.Compute(_scratch.WrittenSpan[FrameOverhead..]);
            _scratch.PatchInt32(lengthAt + 4, unchecked((int)crc));
            _file.Append(_scratch.WrittenSpan);
            if (_fsync)
            {
                _file.Flush();
            }
        }
    }

    public long Length => _file.Length;

    /// <summary>
    /// Replaces the journal with a snapshot written by <paramref name="writeSnapshot"/>, while appends go on:
    /// records appended after the snapshot began are copied behind it. Every record sets state (last writer
    /// wins), so replaying them over a snapshot that already contains their effect changes nothing. The swap
    /// is atomic: temporary file, fsync, rename.
    /// </summary>
    public void Compact(Action<Journal> writeSnapshot)
    {
        lock (_compactLock)
        {
            var temporary = Path + ".tmp";
            File.Delete(temporary);
            var fresh = new Journal(LogFile.Open(temporary), fsync: false);
            try
            {
                var tailStart = Length;
                writeSnapshot(fresh);
                lock (_lock)
                {
                    CopyTail(tailStart, fresh._file);
                    fresh._file.Flush();
                    fresh.Dispose();
                    _file.Dispose();
                    File.Move(temporary, Path, overwrite: true);
                    _file = LogFile.Open(Path);
                }
            }
            finally
            {
                fresh.Dispose();
            }
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            _file.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
            _scratch.Dispose();
        }
    }

    private void CopyTail(long from, LogFile destination)
    {
        var buffer = new byte[64 * 1024];
        for (var position = from; position < _file.Length;)
        {
            var read = _file.Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, _file.Length - position)), position);
            destination.Append(buffer.AsSpan(0, read));
            position += read;
        }
    }
}
