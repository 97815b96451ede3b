using System.Buffers;
using System.Globalization;
using System.Text;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Keys;

/// <summary>The windowed pipeline logic of one key, with the pipeline's types.</summary>
internal sealed class WindowedKeyProcessor<TValue, TAccumulator, TResult> : IKeyProcessor
{
    private const byte SnapshotVersion = 1;
    private readonly WindowedPipelineDefinition<TValue, TAccumulator, TResult> _pipeline;
    private readonly string _key;
    private readonly BufferedOutputs _buffered = new();
    private readonly List<WindowOutput<TResult>> _windowOutputs = [];
    private WindowEngine<TValue, TAccumulator, TResult> _engine;

    public WindowedKeyProcessor(WindowedPipelineDefinition<TValue, TAccumulator, TResult> pipeline, string key)
    {
        _pipeline = pipeline;
        _key = key;
        _engine = NewEngine();
    }

    public long LastApplied { get; private set; } = -1;

    public long NextDueTime => _engine.NextDueTime;

    public void Apply(ReadOnlySpan<StreamRecord> records)
    {
        foreach (ref readonly var record in records)
        {
            if (record.Offset <= LastApplied)
            {
                continue;
            }

            LastApplied = record.Offset;
            if (!_pipeline.Values.TryRead(record.Value, out var value, out var error))
            {
                _buffered.Add(Outputs.Outputs.DeadLetter(record, $"value is not a {_pipeline.Values.Description}: {error}"));
                continue;
            }

            var outcome = _engine.Apply(record.EventTime, record.StreamTime, record.Offset, value);
            if (!outcome.MissedWindows.IsEmpty && _pipeline.LateTopic is not null)
            {
                _buffered.Add(Outputs.Outputs.Late(record, Describe(outcome.MissedWindows)));
            }
        }
    }

    public void Flush(long streamTime, long endOffset, List<OutputRecord> into)
    {
        _engine.CloseDue(streamTime);
        _windowOutputs.Clear();
        _engine.TakeOutputs(endOffset, _windowOutputs);
        foreach (var output in _windowOutputs)
        {
            var key = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_key}@{output.Window.Start}"));
            var value = output.Kind == WindowOutputKind.Retraction ? null : _pipeline.Results.Write(_key, output.Window, output.Result!);
            var causing = output.HasCausingOffset ? output.CausingOffset : -1;
            into.Add(new OutputRecord(OutputKind.Result, causing, causing < 0 ? output.CloseTime : -1, output.Window.End - 1, key, value, null));
        }

        _buffered.TakeBelow(endOffset, into);
    }

    public void WriteSnapshot(IBufferWriter<byte> output)
    {
        var writer = new SnapshotWriter(output);
        writer.WriteByte(SnapshotVersion);
        writer.WriteVarInt64(LastApplied);
        _buffered.Write(ref writer);
        writer.Flush();
        _engine.WriteSnapshot(output);
    }

    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        _buffered.Clear();
        _engine = NewEngine();
        LastApplied = -1;
        if (snapshot.IsEmpty)
        {
            return;
        }

        var reader = new SnapshotReader(snapshot);
        var version = reader.ReadByte();
        if (version != SnapshotVersion)
        {
            throw new InvalidDataException($"key snapshot version {version} is not supported (expected {SnapshotVersion})");
        }

        LastApplied = reader.ReadVarInt64();
        _buffered.Read(ref reader);
        _engine.RestoreSnapshot(snapshot[^reader.Remaining..]);
    }

    public WindowState[] Windows()
    {
        var windows = new List<WindowResult<TResult>>();
        _engine.GetWindows(windows);
        return [.. windows.Select(w => new WindowState(w.Window.Start, w.Window.End, w.IsClosed, Encoding.UTF8.GetString(_pipeline.Results.Write(_key, w.Window, w.Result))))];
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

    private WindowEngine<TValue, TAccumulator, TResult> NewEngine() => new(_pipeline.Window, _pipeline.Emit, _pipeline.Aggregator);
}
