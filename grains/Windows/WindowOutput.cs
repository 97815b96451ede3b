using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Windows;

/// <summary>A result of one window, handed to the caller by <c>WindowEngine.TakeOutputs</c>.</summary>
/// <typeparam name="TResult">The aggregation's result type.</typeparam>
/// <param name="Window">The window.</param>
/// <param name="Kind">Update, retraction or final result.</param>
/// <param name="Result">The window's result; default for a retraction.</param>
/// <param name="CausingOffset">
/// For updates and retractions, the offset of the record whose application produced it; -1 for
/// a final result, whose causing offset the caller derives from <paramref name="CloseTime"/>.
/// </param>
/// <param name="CloseTime">
/// The window's close time (<c>end + grace</c>; sessions <c>end + gap + grace</c>). For a final
/// result, the stream time whose first offset causes it.
/// </param>
internal readonly record struct WindowOutput<TResult>(
    TimeWindow Window, WindowOutputKind Kind, TResult? Result, long CausingOffset, long CloseTime)
{
    /// <summary>Whether <see cref="CausingOffset"/> is known (updates and retractions).</summary>
    public bool HasCausingOffset => CausingOffset >= 0;
}
