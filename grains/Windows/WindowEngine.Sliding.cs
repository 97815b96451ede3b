using System.Diagnostics;

namespace OrleansStreams.Grains.Windows;

/// <content>
/// Sliding windows. Candidate windows are, for every accepted record time <c>p</c>, its left
/// window <c>L(p) = [p + 1 - size, p + 1)</c> and its right window <c>R(p) = [p + 1, p + 1 + size)</c>.
/// A window exists once a record on time for it gives it content, and then holds every accepted
/// record in its range (earlier ones come from the panes). A record is accepted when at least one
/// candidate window containing it is on time; otherwise it is late and leaves no trace.
/// </content>
internal sealed partial class WindowEngine<TInput, TAccumulator, TResult>
{
    private bool ApplySliding(long time, long streamTime, long offset, TInput value)
    {
        var size = _size;
        var leftStart = time + 1 - size;
        var leftOnTime = time + 1 + _grace > streamTime;

        // L(time) ends first among the windows containing the record: if it is on time, all are.
        if (!leftOnTime && !AnySlidingWindowOnTime(time, streamTime))
        {
            ReportSlidingMissed(time, streamTime, leftStart);
            return false;
        }

        ref var panes = ref _state.Panes;
        var previous = PaneLowerBound(time) - 1;
        if (leftOnTime)
        {
            CreateSlidingWindow(leftStart, leftStart, time);
        }

        if (previous >= 0)
        {
            // R(previous) holds the record; it is new when no record lay in (previous, time).
            var previousTime = panes[previous].Time;
            if (time <= previousTime + size && previousTime + 1 + size + _grace > streamTime)
            {
                CreateSlidingWindow(previousTime + 1, previousTime + 1, previousTime + size);
            }
        }

        var rightCreated = time + 1 + size + _grace > streamTime
            && HasPanes(time + 1, time + size)
            && CreateSlidingWindow(time + 1, time + 1, time + size);

        AddToPane(time, value);
        ref var windows = ref _state.Windows;
        var index = LowerBound(leftStart);
        if (!leftOnTime && (index == windows.Count || windows[index].Start != leftStart))
        {
            AddMissed(leftStart, time + 1);
        }

        var applied = false;
        for (; index < windows.Count && windows[index].Start <= time; index++)
        {
            ref var slot = ref windows[index];
            if (slot.Closed || slot.End + _grace <= streamTime)
            {
                AddMissed(slot.Start, slot.End);
                continue;
            }

            slot.Accumulator = _aggregator.Add(slot.Accumulator, value);
            applied = true;
            if (_onUpdate)
            {
                Emit(WindowOutputKind.Update, slot.Start, slot.End, offset, slot.Accumulator);
            }
        }

        if (rightCreated && _onUpdate)
        {
            ref var right = ref windows[index];
            Debug.Assert(right.Start == time + 1, "The right window follows the windows containing the record.");
            Emit(WindowOutputKind.Update, right.Start, right.End, offset, right.Accumulator);
        }

        Debug.Assert(applied, "An accepted record reaches at least one window.");
        return applied;
    }

    /// <summary>Whether a candidate window containing <paramref name="time"/> ends after <c>streamTime - grace</c>.</summary>
    private bool AnySlidingWindowOnTime(long time, long streamTime)
    {
        ref var panes = ref _state.Panes;
        for (var i = PaneLowerBound(time - _size); i < panes.Count && panes[i].Time < time + _size; i++)
        {
            var paneTime = panes[i].Time;
            var end = paneTime < time ? paneTime + 1 + _size : paneTime + 1;
            if (end + _grace > streamTime)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports a late record's missed windows: <c>L(time)</c> and every window in state containing it.</summary>
    private void ReportSlidingMissed(long time, long streamTime, long leftStart)
    {
        ref var windows = ref _state.Windows;
        var index = LowerBound(leftStart);
        if (index == windows.Count || windows[index].Start != leftStart)
        {
            AddMissed(leftStart, time + 1);
        }

        for (; index < windows.Count && windows[index].Start <= time; index++)
        {
            ref var slot = ref windows[index];
            Debug.Assert(slot.Closed || slot.End + _grace <= streamTime, "A rejected record is late for every window containing it.");
            AddMissed(slot.Start, slot.End);
        }
    }

    /// <summary>Creates the window starting at <paramref name="start"/> from the panes in [from, to] unless it exists.</summary>
    /// <returns>Whether it was created.</returns>
    private bool CreateSlidingWindow(long start, long from, long to)
    {
        var index = LowerBound(start);
        ref var windows = ref _state.Windows;
        if (index < windows.Count && windows[index].Start == start)
        {
            return false;
        }

        var accumulator = _aggregator.Initialize();
        ref var panes = ref _state.Panes;
        for (var i = PaneLowerBound(from); i < panes.Count && panes[i].Time <= to; i++)
        {
            accumulator = _aggregator.Merge(accumulator, panes[i].Accumulator);
        }

        windows.Insert(index, new WindowSlot<TAccumulator>(start, start + _size, accumulator));
        return true;
    }

    private bool HasPanes(long from, long to)
    {
        var index = PaneLowerBound(from);
        return index < _state.Panes.Count && _state.Panes[index].Time <= to;
    }

    private void AddToPane(long time, TInput value)
    {
        ref var panes = ref _state.Panes;
        var index = PaneLowerBound(time);
        if (index < panes.Count && panes[index].Time == time)
        {
            ref var pane = ref panes[index];
            pane.Accumulator = _aggregator.Add(pane.Accumulator, value);
        }
        else
        {
            panes.Insert(index, new Pane<TAccumulator>(time, _aggregator.Add(_aggregator.Initialize(), value)));
        }
    }

    /// <summary>
    /// The stream time from which a pane is useless: its right window, the last candidate it
    /// defines, is closed, and every window that could still be created starts after it.
    /// </summary>
    private long PaneExpiry(long time) => time + 1 + _size + _grace;

    private void PrunePanes(long streamTime)
    {
        ref var panes = ref _state.Panes;
        var expired = 0;
        while (expired < panes.Count && PaneExpiry(panes[expired].Time) <= streamTime)
        {
            expired++;
        }

        panes.RemoveRange(0, expired);
    }

    /// <summary>The first pane index at or after <paramref name="time"/>.</summary>
    private int PaneLowerBound(long time)
    {
        ref var panes = ref _state.Panes;
        int low = 0, high = panes.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (panes[mid].Time < time)
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
