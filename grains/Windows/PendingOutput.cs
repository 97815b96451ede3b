namespace OrleansStreams.Grains.Windows;

/// <summary>
/// An output buffered until <c>TakeOutputs</c>. It keeps the accumulator rather than the result,
/// so buffered outputs can be snapshotted with the aggregator's accumulator serde.
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator type.</typeparam>
internal readonly struct PendingOutput<TAccumulator>(
    WindowOutputKind kind, long start, long end, long causingOffset, TAccumulator accumulator)
{
    public WindowOutputKind Kind { get; } = kind;

    public long Start { get; } = start;

    public long End { get; } = end;

    /// <summary>The offset of the record that caused it; -1 for final results.</summary>
    public long CausingOffset { get; } = causingOffset;

    /// <summary>The window's accumulator at that moment; default for retractions.</summary>
    public TAccumulator Accumulator { get; } = accumulator;
}
