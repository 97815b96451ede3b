using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrleansStreams.Pipelines;

/// <summary>Built-in value readers.</summary>
public static class ValueReaders
{
    /// <summary>A finite number in a top-level property of a JSON object, e.g. <c>{"value": 21.5}</c>.</summary>
    /// <param name="property">The property name.</param>
    /// <returns>The reader.</returns>
    public static IValueReader<double> JsonNumber(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        return new JsonNumberReader(property);
    }

    private sealed class JsonNumberReader(string property) : IValueReader<double>
    {
        private readonly byte[] _property = Encoding.UTF8.GetBytes(property);

        public string Description => $"JSON number '{property}'";

        public bool TryRead(ReadOnlySpan<byte> value, [MaybeNullWhen(false)] out double result, [NotNullWhen(false)] out string? error)
        {
            if (JsonTopLevel.TryGetDouble(value, _property, out result, out error))
            {
                return true;
            }

            error ??= "unreadable value";
            return false;
        }
    }
}
