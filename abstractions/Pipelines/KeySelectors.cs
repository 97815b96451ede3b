using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrleansStreams.Pipelines;

/// <summary>Built-in key selectors.</summary>
public static class KeySelectors
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The record key, decoded as UTF-8. Null, empty or invalid UTF-8 keys are dead-lettered.</summary>
    public static IKeySelector RecordKey { get; } = new RecordKeySelector();

    /// <summary>A top-level property of a JSON value (a string or a number).</summary>
    /// <param name="property">The property name.</param>
    /// <returns>The selector.</returns>
    public static IKeySelector JsonProperty(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        return new JsonPropertyKeySelector(property);
    }

    private sealed class RecordKeySelector : IKeySelector
    {
        public string Description => "record key";

        public bool TrySelect(in RawRecord record, [NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? error)
        {
            key = null;
            if (record.KeyIsNull || record.Key.IsEmpty)
            {
                error = record.KeyIsNull ? "record key is null" : "record key is empty";
                return false;
            }

            try
            {
                key = StrictUtf8.GetString(record.Key);
                error = null;
                return true;
            }
            catch (DecoderFallbackException)
            {
                error = "record key is not valid UTF-8";
                return false;
            }
        }
    }

    private sealed class JsonPropertyKeySelector(string property) : IKeySelector
    {
        private readonly byte[] _property = Encoding.UTF8.GetBytes(property);

        public string Description => $"JSON property '{property}'";

        public bool TrySelect(in RawRecord record, [NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? error)
        {
            if (JsonTopLevel.TryGetText(record.Value, _property, out key, out error) && key is not null)
            {
                return true;
            }

            key = null;
            error = $"no key: {error ?? "empty"}";
            return false;
        }
    }
}
