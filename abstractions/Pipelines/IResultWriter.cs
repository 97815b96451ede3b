using OrleansStreams.Windows;

namespace OrleansStreams.Pipelines;

/// <summary>Turns a window result into the value of an output record; the record key is <c>&lt;key&gt;@&lt;start&gt;</c>.</summary>
/// <typeparam name="TResult">The aggregation's result type.</typeparam>
public interface IResultWriter<in TResult>
{
    /// <summary>Writes the output value of one window's result.</summary>
    /// <param name="key">The record key the window belongs to.</param>
    /// <param name="window">The window.</param>
    /// <param name="result">The result.</param>
    /// <returns>The output record value.</returns>
    byte[] Write(string key, TimeWindow window, TResult result);
}
