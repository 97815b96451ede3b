namespace OrleansStreams.Grains.Windows;

/// <summary>What <c>WindowEngine.Apply</c> did with a record.</summary>
internal enum RecordApplyStatus
{
    /// <summary>Added to at least one window; it may have missed others (see <see cref="ApplyOutcome.MissedWindows"/>).</summary>
    Applied = 0,

    /// <summary>Late for every window it belongs to: added to none and left no trace in state.</summary>
    Late = 1,

    /// <summary>Its offset is not above the last offset applied: a replay, ignored.</summary>
    Duplicate = 2,
}
