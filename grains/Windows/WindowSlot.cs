namespace OrleansStreams.Grains.Windows;

/// <summary>One window held in engine state: its bounds, whether it closed, and its accumulator.</summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator type.</typeparam>
internal struct WindowSlot<TAccumulator>(long start, long end, TAccumulator accumulator)
{
    /// <summary>The first millisecond of the window.</summary>
    public long Start = start;

    /// <summary>The first millisecond after the window.</summary>
    public long End = end;

    /// <summary>Whether <c>CloseDue</c> closed it; a closed window takes no records.</summary>
    public bool Closed;

    /// <summary>The aggregate of the records applied to the window.</summary>
    public TAccumulator Accumulator = accumulator;
}
