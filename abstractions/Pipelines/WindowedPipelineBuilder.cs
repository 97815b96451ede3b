using OrleansStreams.Aggregation;
using OrleansStreams.Windows;

namespace OrleansStreams.Pipelines;

/// <summary>A pipeline whose values are read; next, its windows.</summary>
/// <typeparam name="TValue">The aggregated input type.</typeparam>
public sealed class ValuesBuilder<TValue>
{
    private readonly PipelineSource _source;
    private readonly IValueReader<TValue> _values;

    internal ValuesBuilder(PipelineSource source, IValueReader<TValue> values)
    {
        _source = source;
        _values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>Assigns records to <paramref name="window"/>s.</summary>
    /// <param name="window">The windows, e.g. <c>WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10))</c>.</param>
    /// <returns>The next stage.</returns>
    public WindowsBuilder<TValue> Window(WindowSpec window) => new(_source, _values, window ?? throw new ArgumentNullException(nameof(window)));
}

/// <summary>A pipeline with windows; next, its aggregation.</summary>
/// <typeparam name="TValue">The aggregated input type.</typeparam>
public sealed class WindowsBuilder<TValue>
{
    private readonly PipelineSource _source;
    private readonly IValueReader<TValue> _values;
    private readonly WindowSpec _window;

    internal WindowsBuilder(PipelineSource source, IValueReader<TValue> values, WindowSpec window)
    {
        _source = source;
        _values = values;
        _window = window;
    }

    /// <summary>Aggregates each window's values with <paramref name="aggregator"/> (see <see cref="Aggregators"/>).</summary>
    /// <typeparam name="TAccumulator">The accumulator type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="aggregator">The aggregation.</param>
    /// <param name="results">How results are written; the built-in result types have a default.</param>
    /// <returns>The last stage.</returns>
    public AggregationBuilder<TValue, TAccumulator, TResult> Aggregate<TAccumulator, TResult>(
        IAggregator<TValue, TAccumulator, TResult> aggregator,
        IResultWriter<TResult>? results = null)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        results ??= ResultWriters.Stats as IResultWriter<TResult>
            ?? ResultWriters.Count as IResultWriter<TResult>
            ?? ResultWriters.Number as IResultWriter<TResult>
            ?? throw new ArgumentException($"no default result writer for {typeof(TResult)}; pass one (ResultWriters.Json)", nameof(results));
        return new AggregationBuilder<TValue, TAccumulator, TResult>(_source, _values, _window, aggregator, results);
    }
}

/// <summary>The last stage of a windowed pipeline: emit mode, then <see cref="Build"/>.</summary>
/// <typeparam name="TValue">The aggregated input type.</typeparam>
/// <typeparam name="TAccumulator">The accumulator type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public sealed class AggregationBuilder<TValue, TAccumulator, TResult>
{
    private readonly PipelineSource _source;
    private readonly IValueReader<TValue> _values;
    private readonly WindowSpec _window;
    private readonly IAggregator<TValue, TAccumulator, TResult> _aggregator;
    private readonly IResultWriter<TResult> _results;
    private EmitMode _emit = EmitMode.Final;
    private bool _publishResults;

    internal AggregationBuilder(PipelineSource source, IValueReader<TValue> values, WindowSpec window, IAggregator<TValue, TAccumulator, TResult> aggregator, IResultWriter<TResult> results)
    {
        _source = source;
        _values = values;
        _window = window;
        _aggregator = aggregator;
        _results = results;
    }

    /// <summary>Emits one result when a window closes (<see cref="EmitMode.Final"/>, the default) or one per change.</summary>
    /// <param name="mode">The emit mode.</param>
    /// <returns>This builder.</returns>
    public AggregationBuilder<TValue, TAccumulator, TResult> Emit(EmitMode mode)
    {
        _emit = mode;
        return this;
    }

    /// <summary>
    /// Also publishes each committed result on the pipeline's results streams, where client SDK
    /// callers follow them live (off by default).
    /// </summary>
    /// <param name="publish">Whether to publish.</param>
    /// <returns>This builder.</returns>
    public AggregationBuilder<TValue, TAccumulator, TResult> PublishResults(bool publish = true)
    {
        _publishResults = publish;
        return this;
    }

    /// <summary>Finishes the pipeline.</summary>
    /// <returns>The definition.</returns>
    public WindowedPipelineDefinition<TValue, TAccumulator, TResult> Build() => new(_source, _values, _window, _aggregator, _emit, _results, _publishResults);
}
