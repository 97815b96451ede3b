using System.Diagnostics;

namespace OrleansStreams.Grains.Windows;

/// <content>Session windows: create, extend, bridge.</content>
internal sealed partial class WindowEngine<TInput, TAccumulator, TResult>
{
    /// <summary>
    /// A record at <c>t</c> joins the sessions <c>[start, end)</c> with
    /// <c>start - gap &lt;= t &lt;= end - 1 + gap</c> (at most two: it may bridge them). It is late
    /// when one of them is closed or due (<c>end + gap + grace &lt;= stream time</c>): joining
    /// would reopen a session whose final result is already decided. Alone, it is late when its
    /// own session <c>[t, t + 1)</c> would already be due. In <see cref="OrleansStreams.Windows.EmitMode.OnUpdate"/>
    /// a session whose bounds change is retracted and the merged session updated.
    /// </summary>
    private bool ApplySession(long time, long streamTime, long offset, TInput value)
    {
        ref var windows = ref _state.Windows;
        var first = FirstSessionReaching(time);
        var joined = 0;
        long start = time, end = time + 1;
        var late = time <= _state.SessionHorizon;
        for (var i = first; i < windows.Count && windows[i].Start - _gap <= time; i++)
        {
            ref var session = ref windows[i];
            joined++;
            start = Math.Min(start, session.Start);
            end = Math.Max(end, session.End);
            late |= session.Closed || session.End + _closeDelay <= streamTime;
        }

        late |= joined == 0 && end + _closeDelay <= streamTime;
        if (late)
        {
            AddMissed(start, end);
            return false;
        }

        Debug.Assert(joined <= 2, "Sessions further apart than the gap cannot both be in reach of one record.");
        if (joined == 0)
        {
            windows.Insert(first, new WindowSlot<TAccumulator>(start, end, _aggregator.Add(_aggregator.Initialize(), value)));
        }
        else
        {
            ref var target = ref windows[first];
            var accumulator = target.Accumulator;
            if (_onUpdate && (target.Start != start || target.End != end))
            {
                Emit(WindowOutputKind.Retraction, target.Start, target.End, offset, default!);
            }

            if (joined == 2)
            {
                ref var next = ref windows[first + 1];
                if (_onUpdate)
                {
                    Emit(WindowOutputKind.Retraction, next.Start, next.End, offset, default!);
                }

                accumulator = _aggregator.Merge(accumulator, next.Accumulator);
                windows.RemoveAt(first + 1);
                target = ref windows[first];
            }

            target.Start = start;
            target.End = end;
            target.Accumulator = _aggregator.Add(accumulator, value);
        }

        if (_onUpdate)
        {
            Emit(WindowOutputKind.Update, start, end, offset, windows[first].Accumulator);
        }

        return true;
    }

    /// <summary>The first session that a record at <paramref name="time"/> could reach: <c>end - 1 + gap &gt;= time</c>.</summary>
    private int FirstSessionReaching(long time)
    {
        // Sessions are disjoint and ordered by start, so also by end.
        ref var windows = ref _state.Windows;
        var minEnd = time + 1 - _gap;
        int low = 0, high = windows.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (windows[mid].End < minEnd)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
