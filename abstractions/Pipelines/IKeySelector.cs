using System.Diagnostics.CodeAnalysis;

namespace OrleansStreams.Pipelines;

/// <summary>
/// Chooses the key of a record: the key grain it goes to. The same key must always come from the
/// same input partition (standard Kafka keyed partitioning).
/// </summary>
public interface IKeySelector
{
    /// <summary>A short description for logs and dead-letter reasons, e.g. <c>record key</c>.</summary>
    string Description { get; }

    /// <summary>Reads the key of <paramref name="record"/>.</summary>
    /// <param name="record">The raw record.</param>
    /// <param name="key">The non-empty key when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why no key could be read, when the method returns <see langword="false"/>.</param>
    /// <returns>Whether a key was read; records without one go to the dead-letter topic.</returns>
    bool TrySelect(in RawRecord record, [NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? error);
}
