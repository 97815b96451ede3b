using System.Text;
using System.Text.Json;

namespace OrleansStreams.Pipelines;

/// <summary>Reads one top-level property of a JSON object without building a document.</summary>
internal static class JsonTopLevel
{
    public static bool TryGetDouble(ReadOnlySpan<byte> json, byte[] property, out double value, out string? error)
    {
        value = 0;
        if (!TryFind(json, property, out var reader, out error))
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && double.IsFinite(value))
        {
            return true;
        }

        error = $"property '{Encoding.UTF8.GetString(property)}' is not a finite number";
        return false;
    }

    public static bool TryGetInt64(ReadOnlySpan<byte> json, byte[] property, out long value, out string? error)
    {
        value = 0;
        if (!TryFind(json, property, out var reader, out error))
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value))
        {
            return true;
        }

        error = $"property '{Encoding.UTF8.GetString(property)}' is not an integer";
        return false;
    }

    public static bool TryGetText(ReadOnlySpan<byte> json, byte[] property, out string? value, out string? error)
    {
        value = null;
        if (!TryFind(json, property, out var reader, out error))
        {
            return false;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                break;
            case JsonTokenType.Number:
                value = Encoding.UTF8.GetString(reader.ValueSpan);
                break;
        }

        if (!string.IsNullOrEmpty(value))
        {
            return true;
        }

        error = $"property '{Encoding.UTF8.GetString(property)}' is not a non-empty string or number";
        return false;
    }

    private static bool TryFind(ReadOnlySpan<byte> json, byte[] property, out Utf8JsonReader reader, out string? error)
    {
        reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "value is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(property);
                if (!reader.Read())
                {
                    break;
                }

                if (match)
                {
                    error = null;
                    return true;
                }

                reader.Skip();
            }

            error = $"value has no property '{Encoding.UTF8.GetString(property)}'";
            return false;
        }
        catch (JsonException)
        {
            // Input that does not even start a JSON value (empty, plain text) is simply not an object.
            error = reader.TokenType == JsonTokenType.None
                ? "value is not a JSON object"
                : $"value is not valid JSON (malformed after byte {reader.BytesConsumed})";
            return false;
        }
    }
}
