using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrleansStreams.Pipelines;

/// <summary>Built-in event-time extractors. Event times outside [1970-01-01, 9999-12-31] are dead-lettered.</summary>
public static class EventTimes
{
    /// <summary>The largest event time accepted: 9999-12-31T23:59:59.999Z.</summary>
    public const long MaxEventTime = 253_402_300_799_999;

    /// <summary>The Kafka record timestamp.</summary>
    public static IEventTimeExtractor RecordTimestamp { get; } = new RecordTimestampExtractor();

    /// <summary>A top-level integer property of a JSON value, in milliseconds since the Unix epoch.</summary>
    /// <param name="property">The property name.</param>
    /// <returns>The extractor.</returns>
    public static IEventTimeExtractor JsonProperty(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        return new JsonPropertyExtractor(property);
    }

    private static bool InBounds(long time, string source, [NotNullWhen(false)] out string? error)
    {
        if (time is >= 0 and <= MaxEventTime)
        {
            error = null;
            return true;
        }

        error = $"{source} {time} is outside [0, {MaxEventTime}]";
        return false;
    }

    private sealed class RecordTimestampExtractor : IEventTimeExtractor
    {
        public string Description => "record timestamp";

        public bool TryExtract(in RawRecord record, out long eventTime, [NotNullWhen(false)] out string? error)
        {
            eventTime = record.Timestamp;
            return InBounds(eventTime, "record timestamp", out error);
        }
    }

    private sealed class JsonPropertyExtractor(string property) : IEventTimeExtractor
    {
        private readonly byte[] _property = Encoding.UTF8.GetBytes(property);

        public string Description => $"JSON property '{property}'";

        public bool TryExtract(in RawRecord record, out long eventTime, [NotNullWhen(false)] out string? error)
        {
            if (!JsonTopLevel.TryGetInt64(record.Value, _property, out eventTime, out error))
            {
                error = $"no event time: {error}";
                return false;
            }

            return InBounds(eventTime, $"event time '{property}'", out error);
        }
    }
}
