using System.Diagnostics.CodeAnalysis;

namespace OrleansStreams.Pipelines;

/// <summary>Reads the value a windowed pipeline aggregates from a record value.</summary>
/// <typeparam name="T">The aggregated input type.</typeparam>
public interface IValueReader<T>
{
    /// <summary>A short description for logs and dead-letter reasons, e.g. <c>JSON number 'value'</c>.</summary>
    string Description { get; }

    /// <summary>Reads the value.</summary>
    /// <param name="value">The record value bytes.</param>
    /// <param name="result">The value when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the value is unreadable, when the method returns <see langword="false"/>.</param>
    /// <returns>Whether a value was read; unreadable records go to the dead-letter topic.</returns>
    bool TryRead(ReadOnlySpan<byte> value, [MaybeNullWhen(false)] out T result, [NotNullWhen(false)] out string? error);
}
