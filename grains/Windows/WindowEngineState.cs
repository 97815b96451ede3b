namespace OrleansStreams.Grains.Windows;

/// <summary>
/// Everything a <c>WindowEngine</c> needs to continue identically: what its snapshot holds.
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator type.</typeparam>
internal sealed class WindowEngineState<TAccumulator>
{
    /// <summary>Open and retained closed windows, ordered by start (and so by close time).</summary>
    public StructList<WindowSlot<TAccumulator>> Windows;

    /// <summary>Sliding windows only: per-millisecond accumulators of accepted records, ordered by time.</summary>
    public StructList<Pane<TAccumulator>> Panes;

    /// <summary>Outputs not yet taken, in the order they were produced.</summary>
    public StructList<PendingOutput<TAccumulator>> Pending;

    /// <summary>The offset of the last record applied (or found late); -1 before the first.</summary>
    public long LastOffset { get; set; } = -1;

    /// <summary>The largest stream time seen; <see cref="long.MinValue"/> before any.</summary>
    public long StreamTime { get; set; } = long.MinValue;

    /// <summary>
    /// Sessions only: the furthest time an evicted session could still reach
    /// (<c>end - 1 + gap</c>); records at or before it are late.
    /// </summary>
    public long SessionHorizon { get; set; } = long.MinValue;
}
