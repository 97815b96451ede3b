using OrleansStreams.Aggregation;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Windows;

/// <summary>
/// The windowed aggregation of one key: assigns records to windows, aggregates them, closes
/// windows as stream time passes and buffers the outputs until the caller takes them. Pure
/// logic, deterministic, not thread-safe; one instance per key grain.
/// </summary>
/// <remarks>
/// <para>
/// Records come in offset order with their event time and the partition's stream time stamped
/// by the ingress. Lateness follows <see cref="WindowSpec"/>: a record is never added to a
/// window whose close time is at or before its stream time. Closing is lazy: only
/// <see cref="CloseDue"/> closes windows (at epoch end), never <see cref="Apply"/>; a window past
/// its close time already rejects records, so lazy closing never changes results.
/// </para>
/// <para>
/// Stream times must not go backwards: each <see cref="Apply"/> must carry a stream time at
/// least that of every earlier call (a <see cref="CloseDue"/> may lag behind records already
/// applied). <see cref="Apply"/> uses the largest stream time applied so far, which equals the
/// stamped one under that rule.
/// </para>
/// </remarks>
/// <typeparam name="TInput">The values aggregated.</typeparam>
/// <typeparam name="TAccumulator">The aggregator's accumulator.</typeparam>
/// <typeparam name="TResult">The window result.</typeparam>
internal sealed partial class WindowEngine<TInput, TAccumulator, TResult>
{
    /// <summary>The earliest event or stream time accepted: -2^60 ms (about 36 million years before 1970).</summary>
    public const long MinSupportedTime = -(1L << 60);

    /// <summary>
    /// The latest event or stream time accepted: 2^60 ms, where window arithmetic and snapshot deltas
    /// cannot overflow. Wider than <c>EventTimes.MaxEventTime</c>, the range the built-in extractors hold
    /// input to: this bounds what any extractor may hand the engine.
    /// </summary>
    public const long MaxSupportedTime = 1L << 60;

    private readonly IAggregator<TInput, TAccumulator, TResult> _aggregator;
    private readonly WindowKind _kind;
    private readonly bool _onUpdate;
    private readonly long _size;
    private readonly long _advance;
    private readonly long _gap;
    private readonly long _grace;
    private readonly long _closeDelay;
    private readonly long _retentionExtra;
    private readonly WindowSnapshotCodec<TAccumulator> _codec;
    private WindowEngineState<TAccumulator> _state = new();
    private TimeWindow[] _missed = new TimeWindow[4];
    private int _missedCount;

    /// <summary>Creates an engine without state.</summary>
    /// <param name="spec">The windows.</param>
    /// <param name="emitMode">When results are emitted.</param>
    /// <param name="aggregator">How a window's records are aggregated.</param>
    public WindowEngine(WindowSpec spec, EmitMode emitMode, IAggregator<TInput, TAccumulator, TResult> aggregator)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(aggregator);
        if (!Enum.IsDefined(emitMode))
        {
            throw new ArgumentOutOfRangeException(nameof(emitMode), emitMode, "Unknown emit mode.");
        }

        Spec = spec;
        EmitMode = emitMode;
        _aggregator = aggregator;
        _kind = Enum.IsDefined(spec.Kind) ? spec.Kind : throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown window kind");
        _onUpdate = emitMode == EmitMode.OnUpdate;
        _size = Milliseconds(spec.Size);
        _advance = Milliseconds(spec.Advance);
        _gap = Milliseconds(spec.Gap);
        _grace = Milliseconds(spec.Grace);
        _closeDelay = _kind == WindowKind.Session ? _gap + _grace : _grace;
        _retentionExtra = Milliseconds(spec.Retention) - (_kind == WindowKind.Session ? _gap : _size) - _grace;
        _codec = new WindowSnapshotCodec<TAccumulator>(spec, emitMode, aggregator.AccumulatorSerde);
    }

    /// <summary>The windows.</summary>
    public WindowSpec Spec { get; }

    /// <summary>When results are emitted.</summary>
    public EmitMode EmitMode { get; }

    /// <summary>The offset of the last record given to <see cref="Apply"/> (applied or late); -1 before any.</summary>
    public long LastOffset => _state.LastOffset;

    /// <summary>The largest stream time applied (stamped on a record given to <see cref="Apply"/>); <see cref="long.MinValue"/> before any.</summary>
    public long StreamTime => _state.StreamTime;

    /// <summary>The number of windows in state, open and retained closed.</summary>
    public int WindowCount => _state.Windows.Count;

    /// <summary>The number of outputs buffered for <see cref="TakeOutputs"/>.</summary>
    public int PendingOutputCount => _state.Pending.Count;

    /// <summary>
    /// The state the engine works on. One engine serves every key of a partition: the caller sets the
    /// key's state before each call, so per-key memory is the state alone.
    /// </summary>
    internal WindowEngineState<TAccumulator> State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Whether the state holds nothing that could change a later result at <paramref name="streamTime"/>:
    /// no window, pane or buffered output, and no session horizon that could still make a record late
    /// which a fresh state would accept. Such a state can be dropped and replaced by a fresh one.
    /// </summary>
    /// <param name="streamTime">The partition's stream time.</param>
    /// <returns>True when a fresh state behaves the same from here on.</returns>
    public bool IsEmptyAt(long streamTime)
    {
        var state = _state;
        if (state.Windows.Count != 0 || state.Panes.Count != 0 || state.Pending.Count != 0)
        {
            return false;
        }

        // A lone record at t <= horizon is late anyway once its own session [t, t + 1) would be due.
        return state.SessionHorizon == long.MinValue || state.SessionHorizon + 1 + _closeDelay <= streamTime;
    }

    /// <summary>
    /// The earliest stream time from which a state without windows or panes behaves like a fresh one
    /// (<see cref="IsEmptyAt"/> holds once its buffered outputs are taken): <see cref="long.MinValue"/>
    /// without a session horizon, else when its horizon no longer makes a record late;
    /// <see cref="long.MaxValue"/> while a window or pane remains.
    /// </summary>
    public long EmptyFrom
    {
        get
        {
            var state = _state;
            if (state.Windows.Count != 0 || state.Panes.Count != 0)
            {
                return long.MaxValue;
            }

            return state.SessionHorizon == long.MinValue ? long.MinValue : state.SessionHorizon + 1 + _closeDelay;
        }
    }

    /// <summary>Applies one record.</summary>
    /// <remarks>
    /// The missed windows reported for a record that is late for some or all of its windows:
    /// tumbling and hopping, every window containing it whose close time is at or before its
    /// stream time; sliding, its left window <c>[t + 1 - size, t + 1)</c> when that is late and
    /// not held, plus every held window containing it that is late or closed; sessions, the
    /// session it would have formed (its own <c>[t, t + 1)</c> merged with the held sessions in
    /// reach). A late record leaves no trace in state.
    /// </remarks>
    /// <param name="eventTime">The record's event time, within [<see cref="MinSupportedTime"/>, <see cref="MaxSupportedTime"/>].</param>
    /// <param name="streamTime">The partition's stream time stamped on the record (at least <paramref name="eventTime"/>).</param>
    /// <param name="offset">The record's offset: its causing offset. Not above <see cref="LastOffset"/> means a replay.</param>
    /// <param name="value">The value to aggregate.</param>
    /// <returns>Applied, late or duplicate, with the windows the record was late for.</returns>
    public ApplyOutcome Apply(long eventTime, long streamTime, long offset, TInput value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (eventTime is < MinSupportedTime or > MaxSupportedTime)
        {
            throw new ArgumentOutOfRangeException(nameof(eventTime), eventTime, "Event time is outside the supported range of ±2^60 ms.");
        }

        if (streamTime > MaxSupportedTime)
        {
            throw new ArgumentOutOfRangeException(nameof(streamTime), streamTime, "Stream time is outside the supported range of ±2^60 ms.");
        }

        var state = _state;
        _missedCount = 0;
        if (offset <= state.LastOffset)
        {
            return new ApplyOutcome(RecordApplyStatus.Duplicate, default);
        }

        state.LastOffset = offset;
        streamTime = Math.Max(Math.Max(streamTime, eventTime), state.StreamTime);
        state.StreamTime = streamTime;
        var applied = _kind switch
        {
            WindowKind.Sliding => ApplySliding(eventTime, streamTime, offset, value),
            WindowKind.Session => ApplySession(eventTime, streamTime, offset, value),
            WindowKind.Tumbling or WindowKind.Hopping => ApplyFixed(eventTime, streamTime, offset, value),
            _ => throw new InvalidOperationException($"unknown window kind {_kind}"),
        };
        return new ApplyOutcome(applied ? RecordApplyStatus.Applied : RecordApplyStatus.Late, _missed.AsSpan(0, _missedCount));
    }

    /// <summary>Adds the current state of every window (open and retained closed), in start order.</summary>
    /// <param name="into">The list to add to.</param>
    public void GetWindows(List<WindowResult<TResult>> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ref var windows = ref _state.Windows;
        for (var i = 0; i < windows.Count; i++)
        {
            ref var slot = ref windows[i];
            into.Add(new WindowResult<TResult>(new TimeWindow(slot.Start, slot.End), _aggregator.Result(slot.Accumulator), slot.Closed));
        }
    }

    private static long Milliseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>The first index whose window starts at or after <paramref name="start"/>.</summary>
    private int LowerBound(long start)
    {
        ref var windows = ref _state.Windows;
        int low = 0, high = windows.Count;
        if (high == 0 || windows[high - 1].Start < start)
        {
            return high;
        }

        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (windows[mid].Start < start)
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

    private void AddMissed(long start, long end)
    {
        if (_missedCount == _missed.Length)
        {
            Array.Resize(ref _missed, _missed.Length * 2);
        }

        _missed[_missedCount++] = new TimeWindow(start, end);
    }

    private void Emit(WindowOutputKind kind, long start, long end, long offset, TAccumulator accumulator) =>
        _state.Pending.Add(new PendingOutput<TAccumulator>(kind, start, end, offset, accumulator));
}
