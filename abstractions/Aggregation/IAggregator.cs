using OrleansStreams.Serialization;

namespace OrleansStreams.Aggregation;

/// <summary>
/// Aggregates the values of one window: start from <see cref="Initialize"/>, fold values in
/// with <see cref="Add"/>, combine two partial aggregates with <see cref="Merge"/> (session
/// windows that a record bridges, sliding windows built from earlier records) and read the
/// window's result with <see cref="Result"/>.
/// </summary>
/// <remarks>
/// <para>
/// Treat accumulators as values: <see cref="Add"/> and <see cref="Merge"/> return the new
/// accumulator and must not change the accumulators they are given, because the window engine
/// keeps earlier accumulators alive (buffered updates, sliding-window panes). Small structs are
/// the natural choice.
/// </para>
/// <para>
/// <see cref="Merge"/> must agree with <see cref="Add"/>: merging the accumulators of two sets
/// of values gives the accumulator of their union, and <see cref="Initialize"/> is its neutral
/// element. All methods must be deterministic: replays must give the same results.
/// </para>
/// </remarks>
/// <typeparam name="TInput">The type of the values added to a window.</typeparam>
/// <typeparam name="TAccumulator">The partial aggregate kept in window state.</typeparam>
/// <typeparam name="TResult">The window's result.</typeparam>
public interface IAggregator<in TInput, TAccumulator, out TResult>
{
    /// <summary>The accumulator of a window without values.</summary>
    /// <returns>The empty accumulator.</returns>
    TAccumulator Initialize();

    /// <summary>Folds one value into an accumulator.</summary>
    /// <param name="accumulator">The window's accumulator so far.</param>
    /// <param name="value">The value to add.</param>
    /// <returns>The accumulator with the value added.</returns>
    TAccumulator Add(TAccumulator accumulator, TInput value);

    /// <summary>Combines the accumulators of two disjoint sets of values.</summary>
    /// <param name="left">The accumulator of the earlier values.</param>
    /// <param name="right">The accumulator of the later values.</param>
    /// <returns>The accumulator of both sets.</returns>
    TAccumulator Merge(TAccumulator left, TAccumulator right);

    /// <summary>Reads the window's result from its accumulator.</summary>
    /// <param name="accumulator">The window's accumulator.</param>
    /// <returns>The result.</returns>
    TResult Result(TAccumulator accumulator);

    /// <summary>Writes and reads accumulators in state snapshots.</summary>
    ISerde<TAccumulator> AccumulatorSerde { get; }
}
