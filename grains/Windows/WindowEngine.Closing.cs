using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Windows;

/// <content>Closing windows as stream time passes, and dropping them after their retention.</content>
internal sealed partial class WindowEngine<TInput, TAccumulator, TResult>
{
    /// <summary>
    /// The earliest stream time at which <see cref="CloseDue"/> has work: the minimum close time
    /// of the open windows, the expiry of retained closed windows, or the time sliding-window
    /// panes can be dropped; <see cref="long.MaxValue"/> when there is none.
    /// </summary>
    public long NextDueTime
    {
        get
        {
            var due = long.MaxValue;
            ref var windows = ref _state.Windows;

            // Windows are ordered by close time, and closed ones form a prefix.
            for (var i = 0; i < windows.Count; i++)
            {
                ref var slot = ref windows[i];
                var closeTime = slot.End + _closeDelay;
                if (!slot.Closed)
                {
                    due = Math.Min(due, closeTime);
                    break;
                }

                due = Math.Min(due, closeTime + _retentionExtra);
            }

            if (_state.Panes.Count > 0)
            {
                due = Math.Min(due, PaneExpiry(_state.Panes[0].Time));
            }

            return due;
        }
    }

    /// <summary>The stream time at which a window ending at <paramref name="end"/> closes.</summary>
    /// <param name="end">The window's end.</param>
    /// <returns>Its close time.</returns>
    public long CloseTime(long end) => end + _closeDelay;

    /// <summary>
    /// Closes every open window whose close time is at or before <paramref name="streamTime"/>
    /// (buffering its final result in <see cref="EmitMode.Final"/>), then drops closed windows
    /// whose retention has passed.
    /// </summary>
    /// <param name="streamTime">The partition's stream time at the end of the epoch.</param>
    /// <returns>The number of windows closed.</returns>
    public int CloseDue(long streamTime)
    {
        var state = _state;
        ref var windows = ref state.Windows;
        var closed = 0;
        var kept = 0;
        for (var i = 0; i < windows.Count; i++)
        {
            ref var slot = ref windows[i];
            var closeTime = slot.End + _closeDelay;
            if (!slot.Closed && closeTime <= streamTime)
            {
                slot.Closed = true;
                closed++;
                if (!_onUpdate)
                {
                    state.Pending.Add(new PendingOutput<TAccumulator>(WindowOutputKind.Final, slot.Start, slot.End, -1, slot.Accumulator));
                }
            }

            if (slot.Closed && closeTime + _retentionExtra <= streamTime)
            {
                if (_kind == WindowKind.Session)
                {
                    state.SessionHorizon = Math.Max(state.SessionHorizon, slot.End - 1 + _gap);
                }

                continue;
            }

            if (kept != i)
            {
                windows[kept] = slot;
            }

            kept++;
        }

        windows.Truncate(kept);
        PrunePanes(streamTime);
        return closed;
    }
}
