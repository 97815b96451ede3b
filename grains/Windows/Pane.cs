namespace OrleansStreams.Grains.Windows;

/// <summary>
/// The accumulator of every accepted record at one millisecond; sliding windows keep them to
/// build the windows that later records create.
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator type.</typeparam>
internal struct Pane<TAccumulator>(long time, TAccumulator accumulator)
{
    /// <summary>The event time of the records.</summary>
    public long Time = time;

    /// <summary>Their aggregate.</summary>
    public TAccumulator Accumulator = accumulator;
}
