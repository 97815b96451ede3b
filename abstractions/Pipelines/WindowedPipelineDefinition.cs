using OrleansStreams.Aggregation;
using OrleansStreams.Windows;

namespace OrleansStreams.Pipelines;

/// <summary>
/// A pipeline with built-in windowed state: each record's value is read, assigned to its key's
/// windows, aggregated, and results are emitted as windows close (or change). The state of all keys
/// of an input partition lives in one grain and is checkpointed to storage in batches.
/// </summary>
public abstract class WindowedPipelineDefinition : PipelineDefinition
{
    private protected WindowedPipelineDefinition(PipelineSource source, WindowSpec window, EmitMode emit, bool publishResults)
        : base(source, keyGrainInterface: null)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (source.OutputTopic is null)
        {
            throw new ArgumentException($"windowed pipeline '{source.Name}' has no output topic (call To)", nameof(source));
        }

        Window = window;
        Emit = emit;
        PublishResults = publishResults;
    }

    /// <summary>The windows.</summary>
    public WindowSpec Window { get; }

    /// <summary>When results are emitted.</summary>
    public EmitMode Emit { get; }

    /// <summary>Whether committed results are also published on the pipeline's results streams, for live subscribers.</summary>
    public bool PublishResults { get; }

    /// <summary>Calls <paramref name="visitor"/> with the definition's value, accumulator and result types.</summary>
    /// <typeparam name="TReturn">What the visitor returns.</typeparam>
    /// <param name="visitor">The visitor.</param>
    /// <returns>The visitor's result.</returns>
    public abstract TReturn Accept<TReturn>(IWindowedPipelineVisitor<TReturn> visitor);
}

/// <summary>A windowed pipeline with its types.</summary>
/// <typeparam name="TValue">The aggregated input type.</typeparam>
/// <typeparam name="TAccumulator">The aggregator's accumulator.</typeparam>
/// <typeparam name="TResult">The aggregator's result.</typeparam>
public sealed class WindowedPipelineDefinition<TValue, TAccumulator, TResult> : WindowedPipelineDefinition
{
    internal WindowedPipelineDefinition(
        PipelineSource source,
        IValueReader<TValue> values,
        WindowSpec window,
        IAggregator<TValue, TAccumulator, TResult> aggregator,
        EmitMode emit,
        IResultWriter<TResult> results,
        bool publishResults)
        : base(source, window, emit, publishResults)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
        Aggregator = aggregator ?? throw new ArgumentNullException(nameof(aggregator));
        Results = results ?? throw new ArgumentNullException(nameof(results));
    }

    /// <summary>Reads the aggregated value of each record.</summary>
    public IValueReader<TValue> Values { get; }

    /// <summary>The aggregation.</summary>
    public IAggregator<TValue, TAccumulator, TResult> Aggregator { get; }

    /// <summary>Writes result values.</summary>
    public IResultWriter<TResult> Results { get; }

    /// <inheritdoc/>
    public override TReturn Accept<TReturn>(IWindowedPipelineVisitor<TReturn> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}

/// <summary>Typed access to a <see cref="WindowedPipelineDefinition"/> without reflection.</summary>
/// <typeparam name="TReturn">What the visitor returns.</typeparam>
public interface IWindowedPipelineVisitor<out TReturn>
{
    /// <summary>Called with the typed definition.</summary>
    /// <typeparam name="TValue">The aggregated input type.</typeparam>
    /// <typeparam name="TAccumulator">The accumulator type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="pipeline">The definition.</param>
    /// <returns>Whatever the visitor makes of it.</returns>
    TReturn Visit<TValue, TAccumulator, TResult>(WindowedPipelineDefinition<TValue, TAccumulator, TResult> pipeline);
}
