using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>
/// A brute-force model of the window engine, written from the definitions rather than the
/// engine's incremental algorithms: it keeps every accepted record and recomputes every window
/// from scratch. A window's content is the set of accepted records in its range that were on
/// time for it (<c>end + grace &gt; stream time of the record</c>).
/// </summary>
internal sealed class ReferenceWindowModel(WindowSpec spec, EmitMode emitMode)
{
    private readonly WindowKind _kind = spec.Kind;
    private readonly long _size = Ms(spec.Size);
    private readonly long _advance = Ms(spec.Advance);
    private readonly long _gap = Ms(spec.Gap);
    private readonly long _grace = Ms(spec.Grace);
    private readonly long _retention = Ms(spec.Retention);
    private readonly List<Rec> _accepted = [];
    private readonly HashSet<TimeWindow> _materialized = [];
    private readonly HashSet<TimeWindow> _closed = [];
    private readonly HashSet<TimeWindow> _evicted = [];
    private readonly List<RefOutput> _pending = [];
    private long _lastOffset = -1;

    public (RecordApplyStatus Status, TimeWindow[] Missed) Apply(long time, long streamTime, long offset)
    {
        if (offset <= _lastOffset)
        {
            return (RecordApplyStatus.Duplicate, []);
        }

        _lastOffset = offset;
        var before = AllWindows();
        var (accepted, missed) = _kind switch
        {
            WindowKind.Sliding => AcceptSliding(time, streamTime),
            WindowKind.Session => AcceptSession(time, streamTime),
            _ => AcceptFixed(time, streamTime),
        };
        if (accepted)
        {
            _accepted.Add(new Rec(time, streamTime, offset));
            if (_kind == WindowKind.Sliding)
            {
                MaterializeSliding(streamTime);
            }

            if (emitMode == EmitMode.OnUpdate)
            {
                var after = AllWindows();
                foreach (var gone in before.Keys.Where(w => !after.ContainsKey(w)).OrderBy(w => w.Start))
                {
                    _pending.Add(new RefOutput(WindowOutputKind.Retraction, gone, offset, null, CloseTime(gone)));
                }

                foreach (var (window, content) in after.OrderBy(p => p.Key.Start))
                {
                    if (!before.TryGetValue(window, out var old) || old != content)
                    {
                        _pending.Add(new RefOutput(WindowOutputKind.Update, window, offset, content, CloseTime(window)));
                    }
                }
            }
        }

        return (accepted ? RecordApplyStatus.Applied : RecordApplyStatus.Late, missed.OrderBy(w => w.Start).ToArray());
    }

    public void CloseDue(long streamTime)
    {
        var windows = AllWindows().Where(p => !_evicted.Contains(p.Key)).OrderBy(p => p.Key.Start).ToList();
        foreach (var (window, content) in windows)
        {
            if (!_closed.Contains(window) && CloseTime(window) <= streamTime)
            {
                _closed.Add(window);
                if (emitMode == EmitMode.Final)
                {
                    _pending.Add(new RefOutput(WindowOutputKind.Final, window, -1, content, CloseTime(window)));
                }
            }

            if (_closed.Contains(window) && Expiry(window) <= streamTime)
            {
                _evicted.Add(window);
            }
        }
    }

    public List<RefOutput> TakeOutputs(long endOffsetExclusive)
    {
        bool Taken(RefOutput o) => o.Kind == WindowOutputKind.Final || o.CausingOffset < endOffsetExclusive;
        var taken = _pending.Select((o, i) => (o, i)).Where(x => Taken(x.o)).ToList();
        var result = taken
            .Where(x => x.o.Kind == WindowOutputKind.Final
                || !taken.Any(y => y.i > x.i && y.o.Kind != WindowOutputKind.Final && y.o.Window == x.o.Window))
            .Select(x => x.o)
            .ToList();
        _pending.RemoveAll(Taken);
        return result;
    }

    public List<(TimeWindow Window, string Content, bool Closed)> Windows() => AllWindows()
        .Where(p => !_evicted.Contains(p.Key))
        .OrderBy(p => p.Key.Start)
        .Select(p => (p.Key, p.Value, _closed.Contains(p.Key)))
        .ToList();

    public long NextDueTime() => Windows()
        .Select(w => w.Closed ? Expiry(w.Window) : CloseTime(w.Window))
        .DefaultIfEmpty(long.MaxValue)
        .Min();

    private long CloseTime(TimeWindow window) => window.End + (_kind == WindowKind.Session ? _gap : 0) + _grace;

    private long Expiry(TimeWindow window) =>
        CloseTime(window) + _retention - (_kind == WindowKind.Session ? _gap : _size) - _grace;

    private bool OnTime(TimeWindow window, long streamTime) => window.End + _grace > streamTime;

    /// <summary>Sliding windows only: whether the window exists and has not been evicted.</summary>
    private bool InState(TimeWindow window) => _materialized.Contains(window) && !_evicted.Contains(window);

    /// <summary>Every window that exists by definition, with its content (evicted ones included).</summary>
    private Dictionary<TimeWindow, string> AllWindows()
    {
        if (_kind == WindowKind.Session)
        {
            return Sessions().ToDictionary(s => s.Window, s => OffsetSetAggregator.Format(s.Records.Select(r => r.Offset)));
        }

        var windows = _kind == WindowKind.Sliding
            ? _materialized
            : _accepted.SelectMany(r => FixedWindowsContaining(r.Time).Where(w => OnTime(w, r.StreamTime))).ToHashSet();
        return windows.ToDictionary(w => w, Content);
    }

    private string Content(TimeWindow window) => OffsetSetAggregator.Format(
        _accepted.Where(r => window.Contains(r.Time) && OnTime(window, r.StreamTime)).Select(r => r.Offset));

    private IEnumerable<TimeWindow> FixedWindowsContaining(long time)
    {
        for (var k = Math.Floor((double)(time - _size) / _advance) - 1; k * _advance <= time; k++)
        {
            var window = new TimeWindow((long)k * _advance, ((long)k * _advance) + _size);
            if (window.Contains(time))
            {
                yield return window;
            }
        }
    }

    private (bool, List<TimeWindow>) AcceptFixed(long time, long streamTime)
    {
        var windows = FixedWindowsContaining(time).ToList();
        return (windows.Any(w => OnTime(w, streamTime)), windows.Where(w => !OnTime(w, streamTime)).ToList());
    }

    /// <summary>Left and right windows of every record time, as Kafka Streams' sliding windows define them.</summary>
    private IEnumerable<TimeWindow> SlidingCandidates(IEnumerable<long> times) => times.Distinct().SelectMany(p => new[]
    {
        new TimeWindow(p + 1 - _size, p + 1),
        new TimeWindow(p + 1, p + 1 + _size),
    });

    private (bool, List<TimeWindow>) AcceptSliding(long time, long streamTime)
    {
        var candidates = SlidingCandidates(_accepted.Select(r => r.Time).Append(time)).Where(w => w.Contains(time));
        var accepted = candidates.Any(w => OnTime(w, streamTime));
        var left = new TimeWindow(time + 1 - _size, time + 1);
        var missed = _materialized
            .Where(w => w.Contains(time) && InState(w) && (!OnTime(w, streamTime) || _closed.Contains(w)))
            .ToList();
        if (!OnTime(left, streamTime) && !InState(left))
        {
            missed.Add(left);
        }

        return (accepted, missed);
    }

    /// <summary>A candidate window exists from the first record on time for it that finds it non-empty.</summary>
    private void MaterializeSliding(long streamTime)
    {
        foreach (var window in SlidingCandidates(_accepted.Select(r => r.Time)))
        {
            if (OnTime(window, streamTime) && Content(window).Length > 0)
            {
                _materialized.Add(window);
            }
        }
    }

    private List<(TimeWindow Window, List<Rec> Records)> Sessions()
    {
        var sessions = new List<(TimeWindow Window, List<Rec> Records)>();
        foreach (var record in _accepted.OrderBy(r => r.Time))
        {
            if (sessions.Count > 0 && record.Time <= sessions[^1].Window.End - 1 + _gap)
            {
                var last = sessions[^1];
                last.Records.Add(record);
                sessions[^1] = (new TimeWindow(last.Window.Start, record.Time + 1), last.Records);
            }
            else
            {
                sessions.Add((new TimeWindow(record.Time, record.Time + 1), [record]));
            }
        }

        return sessions;
    }

    private (bool, List<TimeWindow>) AcceptSession(long time, long streamTime)
    {
        var reached = Sessions()
            .Select(s => s.Window)
            .Where(w => w.Start - _gap <= time && time <= w.End - 1 + _gap)
            .ToList();
        var late = reached.Count == 0
            ? time + 1 + _gap + _grace <= streamTime
            : reached.Any(w => CloseTime(w) <= streamTime);
        var inState = reached.Where(w => !_evicted.Contains(w)).ToList();
        var merged = new TimeWindow(
            inState.Select(w => w.Start).Append(time).Min(),
            inState.Select(w => w.End).Append(time + 1).Max());
        return (!late, late ? [merged] : []);
    }

    private static long Ms(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMillisecond;

    private readonly record struct Rec(long Time, long StreamTime, long Offset);
}

/// <summary>An output as the reference model predicts it.</summary>
internal sealed record RefOutput(WindowOutputKind Kind, TimeWindow Window, long CausingOffset, string? Content, long CloseTime)
{
    public static RefOutput From(WindowOutput<string> output) =>
        new(output.Kind, output.Window, output.CausingOffset, output.Result, output.CloseTime);
}
