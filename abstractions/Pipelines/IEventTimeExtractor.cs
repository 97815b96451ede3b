using System.Diagnostics.CodeAnalysis;

namespace OrleansStreams.Pipelines;

/// <summary>Reads the event time of a record. Processing time is never used for results.</summary>
public interface IEventTimeExtractor
{
    /// <summary>A short description for logs and dead-letter reasons, e.g. <c>record timestamp</c>.</summary>
    string Description { get; }

    /// <summary>Reads the event time of <paramref name="record"/> in milliseconds since the Unix epoch.</summary>
    /// <param name="record">The raw record.</param>
    /// <param name="eventTime">The event time when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why no event time could be read, when the method returns <see langword="false"/>.</param>
    /// <returns>Whether an event time was read; records without one go to the dead-letter topic.</returns>
    bool TryExtract(in RawRecord record, out long eventTime, [NotNullWhen(false)] out string? error);
}
