using System.Buffers;
using System.Globalization;
using System.Text;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;
using OrleansStreams.Records;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.State;

/// <summary>
/// <see cref="IPartitionState"/> with the pipeline's types. One window engine serves all keys; per
/// key only its <see cref="KeyEntry{TAccumulator}"/> is kept. Three indexes keep every epoch's work
/// proportional to what changed, not to the number of keys: a queue of keys by the stream time at
/// which their next window closes, the keys with outputs to take, and the keys changed since the
/// last checkpoint. For committed reads, a key's windows are saved as an image before the first record
/// of a new epoch changes them, and the image is dropped once that epoch's predecessor committed.
/// </summary>
internal sealed class PartitionState<TValue, TAccumulator, TResult> : IPartitionState
{
    /// <summary>The longest key held, in UTF-8 bytes: every store must be able to index it (PostgreSQL's btree takes ~2,600).</summary>
    public const int MaxKeyBytes = 1024;

    private const byte SnapshotVersion = 2;
    private readonly WindowedPipelineDefinition<TValue, TAccumulator, TResult> _pipeline;
    private readonly int _partition;
    private readonly WindowEngine<TValue, TAccumulator, TResult> _engine;
    private readonly Dictionary<string, KeyEntry<TAccumulator>> _keys = new(StringComparer.Ordinal);
    private readonly PriorityQueue<KeyEntry<TAccumulator>, long> _due = new();
    private readonly List<KeyEntry<TAccumulator>> _withOutputs = [];
    private readonly List<KeyEntry<TAccumulator>> _dirty = [];
    private readonly List<KeyEntry<TAccumulator>> _requeue = [];
    private readonly List<OutputRecord> _unheldDeadLetters = [];
    private readonly List<WindowOutput<TResult>> _windowOutputs = [];
    private readonly ArrayBufferWriter<byte> _snapshot = new(256);
    private readonly List<KeyEntry<TAccumulator>> _imaged = [];
    private readonly KeyImagePool<TAccumulator> _images = new();
    private long _committedEpoch = -1;

    public PartitionState(WindowedPipelineDefinition<TValue, TAccumulator, TResult> pipeline, int partition)
    {
        _pipeline = pipeline;
        _partition = partition;
        _engine = new WindowEngine<TValue, TAccumulator, TResult>(pipeline.Window, pipeline.Emit, pipeline.Aggregator);
    }

    public int KeyCount => _keys.Count;

    public bool Contains(string key) => _keys.ContainsKey(key);

    public void Restore(string key, ReadOnlySpan<byte> snapshot)
    {
        var reader = new SnapshotReader(snapshot);
        var version = reader.ReadByte();
        if (version != SnapshotVersion)
        {
            throw new InvalidDataException($"state of key '{key}' has snapshot version {version}; this version reads {SnapshotVersion}");
        }

        BufferedOutputs? buffered = null;
        if (reader.ReadVarUInt64() != 0)
        {
            buffered = new BufferedOutputs();
            buffered.Read(ref reader);
        }

        _engine.RestoreSnapshot(snapshot[^reader.Remaining..]);
        Disown(key); // a key restored twice: the earlier entry must leave the indexes too
        var entry = new KeyEntry<TAccumulator>(key, _engine.State) { Buffered = buffered };
        _keys[key] = entry;
        if (_engine.PendingOutputCount > 0 || buffered is { Count: > 0 })
        {
            MarkOutputs(entry);
        }

        Queue(entry, Math.Min(_engine.NextDueTime, _engine.EmptyFrom));
    }

    public void Apply(ReadOnlySpan<StreamRecord> records, ReadOnlySpan<string> keys, IReadOnlyDictionary<string, int> foreign, long epoch, long imageFrom)
    {
        for (var i = 0; i < records.Length; i++)
        {
            ref readonly var record = ref records[i];
            var key = keys[i];
            if (!_keys.TryGetValue(key, out var entry))
            {
                if (foreign.TryGetValue(key, out var owner))
                {
                    _unheldDeadLetters.Add(Outputs.Outputs.DeadLetter(record, $"key '{key}' belongs to partition {owner}, not {_partition}: the input topic is not partitioned by this pipeline's key"));
                    continue;
                }

                if (Unstorable(key) is { } reason)
                {
                    _unheldDeadLetters.Add(Outputs.Outputs.DeadLetter(record, reason));
                    continue;
                }

                entry = new KeyEntry<TAccumulator>(key, new WindowEngineState<TAccumulator>());
                _keys.Add(key, entry);
            }

            var windows = entry.Windows;
            if (record.Offset <= windows.LastOffset)
            {
                continue;
            }

            MarkDirty(entry);
            if (!_pipeline.Values.TryRead(record.Value, out var value, out var error))
            {
                windows.LastOffset = record.Offset;
                Buffer(entry, Outputs.Outputs.DeadLetter(record, $"value is not a {_pipeline.Values.Description}: {error}"));
                continue;
            }

            if (record.Offset >= imageFrom && entry.TouchedEpoch < epoch)
            {
                SaveImage(entry, epoch - 1);
                entry.TouchedEpoch = epoch;
            }

            _engine.State = windows;
            var outcome = _engine.Apply(record.EventTime, record.StreamTime, record.Offset, value);
            if (!outcome.MissedWindows.IsEmpty)
            {
                // Also without a late topic: the epoch counts it (orleansstreams.records.late) and the producer skips it.
                Buffer(entry, Outputs.Outputs.Late(record, Describe(outcome.MissedWindows)));
            }

            if (_engine.PendingOutputCount > 0)
            {
                MarkOutputs(entry);
            }

            Queue(entry, Math.Min(_engine.NextDueTime, _engine.EmptyFrom));
        }
    }

    public int Flush(long streamTime, long endOffset, bool checkpoint, List<OutputRecord> outputs, CheckpointRows rows)
    {
        var closed = CloseDue(streamTime);
        TakeOutputs(endOffset, outputs);
        if (checkpoint)
        {
            WriteCheckpoint(streamTime, rows);
        }

        return closed;
    }

    public KeyInspection? Inspect(string key)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            return null;
        }

        _engine.State = entry.Windows;
        var windows = new List<WindowResult<TResult>>();
        _engine.GetWindows(windows);
        return new KeyInspection(
            entry.Windows.LastOffset,
            _engine.NextDueTime,
            [.. windows.Select(w => new WindowInspection(w.Window.Start, w.Window.End, w.IsClosed, Encoding.UTF8.GetString(_pipeline.Results.Write(key, w.Window, w.Result))))],
            _engine.PendingOutputCount + (entry.Buffered?.Count ?? 0));
    }

    public void Committed(long epoch)
    {
        _committedEpoch = epoch;
        var kept = 0;
        for (var i = 0; i < _imaged.Count; i++)
        {
            var entry = _imaged[i];
            while (entry.Images is { } image && image.Epoch < epoch)
            {
                entry.Images = image.Next;
                _images.Return(image);
            }

            if (entry.Images is not null)
            {
                _imaged[kept++] = entry;
            }
        }

        _imaged.RemoveRange(kept, _imaged.Count - kept);
    }

    public StoredKeyWindows[] Query(ReadOnlySpan<string> keys, QueryConsistency consistency, long from, long to, long committedStreamTime)
    {
        var answers = new StoredKeyWindows[keys.Length];
        var windows = new List<StoredWindow>();
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            if (!_keys.TryGetValue(key, out var entry))
            {
                answers[k] = StoredKeyWindows.NotFound;
                continue;
            }

            var slots = consistency == QueryConsistency.Committed ? CommittedWindows(entry) : entry.Windows.Windows.AsSpan();
            if (slots.IsEmpty)
            {
                answers[k] = StoredKeyWindows.NotFound;
                continue;
            }

            windows.Clear();
            foreach (ref readonly var slot in slots)
            {
                if (slot.End > from && slot.Start < to)
                {
                    var window = new TimeWindow(slot.Start, slot.End);
                    var final = (consistency == QueryConsistency.Latest && slot.Closed) || _engine.CloseTime(slot.End) <= committedStreamTime;
                    var result = _pipeline.Results.Write(key, window, _pipeline.Aggregator.Result(slot.Accumulator));
                    windows.Add(new StoredWindow(slot.Start, slot.End, final, Encoding.UTF8.GetString(result)));
                }
            }

            answers[k] = new StoredKeyWindows(true, [.. windows]);
        }

        return answers;
    }

    public void Disown(string key)
    {
        if (_keys.Remove(key, out var entry))
        {
            entry.Due = long.MaxValue;
            entry.HasOutputs = false;
            entry.Dirty = false;
            _withOutputs.Remove(entry);
            _dirty.Remove(entry);
        }
    }

    /// <summary>The key's windows at the end of the committed epoch: its oldest image not older than that epoch, else its live windows.</summary>
    private ReadOnlySpan<WindowSlot<TAccumulator>> CommittedWindows(KeyEntry<TAccumulator> entry)
    {
        for (var image = entry.Images; image is not null; image = image.Next)
        {
            if (image.Epoch >= _committedEpoch)
            {
                return image.Windows;
            }
        }

        return entry.Windows.Windows.AsSpan();
    }

    private void SaveImage(KeyEntry<TAccumulator> entry, long epoch)
    {
        var image = _images.Rent();
        image.Set(epoch, entry.Windows.Windows.AsSpan());
        if (entry.Images is null)
        {
            entry.Images = image;
            _imaged.Add(entry);
            return;
        }

        var last = entry.Images;
        while (last.Next is not null)
        {
            last = last.Next;
        }

        last.Next = image;
    }

    private int CloseDue(long streamTime)
    {
        var changed = 0;
        _requeue.Clear();
        while (_due.TryPeek(out var entry, out var due) && due <= streamTime)
        {
            _due.Dequeue();
            if (entry.Due != due)
            {
                continue; // queued again earlier, or dropped
            }

            entry.Due = long.MaxValue;
            var windows = entry.Windows;
            _engine.State = windows;
            var (windowCount, paneCount) = (windows.Windows.Count, windows.Panes.Count);
            var closed = _engine.CloseDue(streamTime);
            if (closed > 0 || windows.Windows.Count != windowCount || windows.Panes.Count != paneCount)
            {
                changed++;
                MarkDirty(entry);
            }
            else if (_engine.EmptyFrom <= streamTime)
            {
                MarkDirty(entry); // nothing left but a session horizon that has passed: the checkpoint drops the key
            }

            if (_engine.PendingOutputCount > 0)
            {
                MarkOutputs(entry);
            }

            _requeue.Add(entry);
        }

        foreach (var entry in _requeue)
        {
            _engine.State = entry.Windows;
            var emptyFrom = _engine.EmptyFrom;
            Queue(entry, emptyFrom > streamTime ? Math.Min(_engine.NextDueTime, emptyFrom) : _engine.NextDueTime);
        }

        return changed;
    }

    private void TakeOutputs(long endOffset, List<OutputRecord> outputs)
    {
        var kept = 0;
        for (var i = 0; i < _withOutputs.Count; i++)
        {
            var entry = _withOutputs[i];
            var taken = outputs.Count;
            _engine.State = entry.Windows;
            _windowOutputs.Clear();
            _engine.TakeOutputs(endOffset, _windowOutputs);
            foreach (var output in _windowOutputs)
            {
                outputs.Add(Result(entry.Key, output));
            }

            entry.Buffered?.TakeBelow(endOffset, outputs);
            if (outputs.Count != taken)
            {
                // The outputs left the state: its stored row still holds them until the key is written again.
                MarkDirty(entry);
            }

            if (_engine.PendingOutputCount > 0 || entry.Buffered is { Count: > 0 })
            {
                _withOutputs[kept++] = entry;
            }
            else
            {
                entry.HasOutputs = false;
            }
        }

        _withOutputs.RemoveRange(kept, _withOutputs.Count - kept);
        if (_unheldDeadLetters.Count > 0)
        {
            outputs.AddRange(_unheldDeadLetters.Where(o => o.CausingOffset < endOffset));
            _unheldDeadLetters.RemoveAll(o => o.CausingOffset < endOffset);
        }
    }

    private void WriteCheckpoint(long streamTime, CheckpointRows rows)
    {
        foreach (var entry in _dirty)
        {
            entry.Dirty = false;
            _engine.State = entry.Windows;
            if (entry.Buffered is not { Count: > 0 } && _engine.IsEmptyAt(streamTime))
            {
                // Nothing left that a later record could see: drop the key, here and in storage.
                entry.Due = long.MaxValue;
                _keys.Remove(entry.Key);
                rows.AddDeletion(entry.Key);
                continue;
            }

            rows.AddSnapshot(entry.Key, Snapshot(entry));
        }

        _dirty.Clear();
    }

    /// <summary>The key's snapshot, valid until the next call.</summary>
    private ReadOnlySpan<byte> Snapshot(KeyEntry<TAccumulator> entry)
    {
        _snapshot.ResetWrittenCount();
        var writer = new SnapshotWriter(_snapshot);
        writer.WriteByte(SnapshotVersion);
        if (entry.Buffered is { Count: > 0 } buffered)
        {
            writer.WriteVarUInt64(1);
            buffered.Write(ref writer);
        }
        else
        {
            writer.WriteVarUInt64(0);
        }

        writer.Flush();
        _engine.WriteSnapshot(_snapshot);
        return _snapshot.WrittenSpan;
    }

    private OutputRecord Result(string key, in WindowOutput<TResult> output)
    {
        var outputKey = WindowKey(key, output.Window.Start);
        var value = output.Kind == WindowOutputKind.Retraction ? null : _pipeline.Results.Write(key, output.Window, output.Result!);
        var causing = output.HasCausingOffset ? output.CausingOffset : -1;
        return new OutputRecord(OutputKind.Result, causing, causing < 0 ? output.CloseTime : -1, output.Window.End - 1, outputKey, value, null);
    }

    /// <summary>The output record's key, <c>key@start</c> in UTF-8, encoded straight into its array (no string in between).</summary>
    private static byte[] WindowKey(string key, long start)
    {
        Span<byte> digits = stackalloc byte[20];
        start.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);
        var keyBytes = Encoding.UTF8.GetByteCount(key);
        var bytes = new byte[keyBytes + 1 + digitCount];
        Encoding.UTF8.GetBytes(key, bytes);
        bytes[keyBytes] = (byte)'@';
        digits[..digitCount].CopyTo(bytes.AsSpan(keyBytes + 1));
        return bytes;
    }

    private void Buffer(KeyEntry<TAccumulator> entry, in OutputRecord output)
    {
        (entry.Buffered ??= new BufferedOutputs()).Add(output);
        MarkOutputs(entry);
    }

    private void Queue(KeyEntry<TAccumulator> entry, long due)
    {
        if (due < entry.Due)
        {
            entry.Due = due;
            _due.Enqueue(entry, due);
        }
    }

    private void MarkOutputs(KeyEntry<TAccumulator> entry)
    {
        if (!entry.HasOutputs)
        {
            entry.HasOutputs = true;
            _withOutputs.Add(entry);
        }
    }

    private void MarkDirty(KeyEntry<TAccumulator> entry)
    {
        if (!entry.Dirty)
        {
            entry.Dirty = true;
            _dirty.Add(entry);
        }
    }

    /// <summary>Why a key cannot be stored by every store (length, or a NUL that PostgreSQL's text refuses), or null.</summary>
    private static string? Unstorable(string key)
    {
        if (key.Length > MaxKeyBytes / 3 && Encoding.UTF8.GetByteCount(key) is var bytes and > MaxKeyBytes)
        {
            return $"key of {bytes} bytes exceeds the limit of {MaxKeyBytes} bytes";
        }

        return key.Contains('\0', StringComparison.Ordinal) ? "key contains a NUL character" : null;
    }

    private static string Describe(ReadOnlySpan<TimeWindow> windows)
    {
        var text = new StringBuilder();
        foreach (var window in windows)
        {
            text.Append(text.Length == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{window.Start}-{window.End}");
        }

        return text.ToString();
    }
}
