using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>An engine over <see cref="OffsetSetAggregator"/> with compact helpers for tests.</summary>
internal sealed class TestEngine(WindowSpec spec, EmitMode emitMode = EmitMode.Final)
{
    public WindowEngine<long, long[], string> Engine { get; } = new(spec, emitMode, OffsetSetAggregator.Instance);

    /// <summary>Applies the record at <paramref name="offset"/> with its offset as value.</summary>
    public Applied Put(long eventTime, long streamTime, long offset)
    {
        var outcome = Engine.Apply(eventTime, streamTime, offset, offset);
        return new Applied(outcome.Status, outcome.MissedWindows.ToArray());
    }

    /// <summary>Applies an in-order record: stream time equals its event time.</summary>
    public Applied Put(long eventTime, long offset) => Put(eventTime, eventTime, offset);

    public List<WindowOutput<string>> Take(long endOffsetExclusive = long.MaxValue)
    {
        var outputs = new List<WindowOutput<string>>();
        Engine.TakeOutputs(endOffsetExclusive, outputs);
        return outputs;
    }

    /// <summary>The windows as <c>"[start, end) content"</c>, closed ones marked.</summary>
    public string[] Windows()
    {
        var windows = new List<WindowResult<string>>();
        Engine.GetWindows(windows);
        return windows.Select(w => $"{w.Window} {w.Result}{(w.IsClosed ? " closed" : "")}").ToArray();
    }

    public static TimeSpan Ms(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public static TimeWindow W(long start, long end) => new(start, end);

    internal sealed record Applied(RecordApplyStatus Status, TimeWindow[] Missed);
}
