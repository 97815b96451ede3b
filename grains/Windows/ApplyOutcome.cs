using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Windows;

/// <summary>
/// The outcome of <c>WindowEngine.Apply</c>: the status and the windows the record was late for.
/// <see cref="MissedWindows"/> points into a buffer of the engine, valid until its next call.
/// </summary>
internal readonly ref struct ApplyOutcome(RecordApplyStatus status, ReadOnlySpan<TimeWindow> missedWindows)
{
    /// <summary>What happened to the record.</summary>
    public RecordApplyStatus Status { get; } = status;

    /// <summary>
    /// The windows the record belongs to but was late for, in start order; empty for an on-time
    /// record. Non-empty with <see cref="RecordApplyStatus.Applied"/> when it was partially late.
    /// </summary>
    public ReadOnlySpan<TimeWindow> MissedWindows { get; } = missedWindows;

    /// <summary>Whether the record went into at least one window.</summary>
    public bool IsApplied => Status == RecordApplyStatus.Applied;

    /// <summary>Whether the record went into no window (it belongs on the late topic).</summary>
    public bool IsLate => Status == RecordApplyStatus.Late;
}
