using System.Buffers;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Windows;

/// <content>Taking buffered outputs, and snapshots.</content>
internal sealed partial class WindowEngine<TInput, TAccumulator, TResult>
{
    private readonly HashSet<TimeWindow> _takenWindows = [];
    private readonly List<int> _takenIndexes = [];

    /// <summary>
    /// Moves the outputs of an epoch into <paramref name="into"/>: every buffered final result
    /// (whatever the bound; the caller resolves its causing offset from its close time) and,
    /// per window, the latest update or retraction caused below <paramref name="endOffsetExclusive"/>,
    /// carrying its own causing offset. Updates caused at or beyond the bound stay buffered.
    /// Outputs come in the order they were produced: by causing offset, and for one record by
    /// window start (retractions before the update that replaces them); final results in close order.
    /// </summary>
    /// <param name="endOffsetExclusive">The epoch's end: the safe offset s(E).</param>
    /// <param name="into">The list to add to.</param>
    public void TakeOutputs(long endOffsetExclusive, List<WindowOutput<TResult>> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ref var pending = ref _state.Pending;
        if (pending.Count == 0)
        {
            return;
        }

        // Walk backwards so the first output seen per window is its latest.
        _takenIndexes.Clear();
        _takenWindows.Clear();
        var taken = 0;
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            ref var output = ref pending[i];
            if (output.Kind == WindowOutputKind.Final)
            {
                _takenIndexes.Add(i);
                taken++;
            }
            else if (output.CausingOffset < endOffsetExclusive)
            {
                taken++;
                if (_takenWindows.Add(new TimeWindow(output.Start, output.End)))
                {
                    _takenIndexes.Add(i);
                }
            }
        }

        for (var i = _takenIndexes.Count - 1; i >= 0; i--)
        {
            into.Add(ToOutput(in pending[_takenIndexes[i]]));
        }

        if (taken == pending.Count)
        {
            pending.Clear();
            return;
        }

        var kept = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            ref var output = ref pending[i];
            if (output.Kind != WindowOutputKind.Final && output.CausingOffset >= endOffsetExclusive)
            {
                pending[kept++] = output;
            }
        }

        pending.Truncate(kept);
    }

    /// <summary>
    /// Writes the engine's entire state — windows with their accumulators, sliding-window panes,
    /// buffered outputs, last offset and stream time — in the binary format of
    /// <see cref="WindowSnapshotCodec{TAccumulator}"/>.
    /// </summary>
    /// <param name="output">Where the snapshot goes.</param>
    public void WriteSnapshot(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _codec.Write(_state, output);
    }

    /// <summary>Replaces the engine's state with a snapshot written by an engine of the same spec and emit mode.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <exception cref="InvalidDataException">The snapshot is malformed, of an unknown version, or of another spec.</exception>
    public void RestoreSnapshot(ReadOnlySpan<byte> snapshot) => _state = _codec.Read(snapshot);

    /// <inheritdoc cref="RestoreSnapshot(ReadOnlySpan{byte})"/>
    public void RestoreSnapshot(in ReadOnlySequence<byte> snapshot)
    {
        if (snapshot.IsSingleSegment)
        {
            RestoreSnapshot(snapshot.FirstSpan);
            return;
        }

        var length = checked((int)snapshot.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            snapshot.CopyTo(buffer);
            RestoreSnapshot(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private WindowOutput<TResult> ToOutput(in PendingOutput<TAccumulator> output) => new(
        new TimeWindow(output.Start, output.End),
        output.Kind,
        output.Kind == WindowOutputKind.Retraction ? default : _aggregator.Result(output.Accumulator),
        output.CausingOffset,
        output.End + _closeDelay);
}
