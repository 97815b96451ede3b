namespace OrleansStreams.Grains.Windows;

/// <content>Tumbling and hopping windows: pure arithmetic on the epoch-aligned grid.</content>
internal sealed partial class WindowEngine<TInput, TAccumulator, TResult>
{
    /// <summary>
    /// Adds the record to every window <c>[k * advance, k * advance + size)</c> containing it
    /// (one for tumbling) whose close time lies after the stream time; reports the others.
    /// </summary>
    private bool ApplyFixed(long time, long streamTime, long offset, TInput value)
    {
        var lastStart = time - FloorMod(time, _advance);

        // The earliest start with start + size > time; advance <= size keeps the distance >= 0.
        var firstStart = lastStart - ((lastStart - (time - _size + 1)) / _advance * _advance);
        ref var windows = ref _state.Windows;
        var index = LowerBound(firstStart);
        var applied = false;
        for (var start = firstStart; start <= lastStart; start += _advance)
        {
            var end = start + _size;
            while (index < windows.Count && windows[index].Start < start)
            {
                index++;
            }

            var exists = index < windows.Count && windows[index].Start == start;
            if (end + _grace <= streamTime || (exists && windows[index].Closed))
            {
                AddMissed(start, end);
                continue;
            }

            if (exists)
            {
                ref var slot = ref windows[index];
                slot.Accumulator = _aggregator.Add(slot.Accumulator, value);
            }
            else
            {
                windows.Insert(index, new WindowSlot<TAccumulator>(start, end, _aggregator.Add(_aggregator.Initialize(), value)));
            }

            if (_onUpdate)
            {
                Emit(WindowOutputKind.Update, start, end, offset, windows[index].Accumulator);
            }

            applied = true;
        }

        return applied;
    }

    /// <summary>The floor modulo: the result has the sign of <paramref name="divisor"/> (positive here).</summary>
    private static long FloorMod(long value, long divisor)
    {
        var remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }
}
