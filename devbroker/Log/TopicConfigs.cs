using System.Globalization;

namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// The topic-level configs Kafka knows, with their defaults and a value check. Configs are stored
/// and described; <c>max.message.bytes</c> and <c>message.timestamp.type</c> also change behaviour.
/// </summary>
internal static class TopicConfigs
{
    public const string MaxMessageBytes = "max.message.bytes";
    public const string TimestampType = "message.timestamp.type";

    private enum Kind
    {
        Long,
        Int,
        Double,
        Bool,
        Text,
        TimestampType,
        CleanupPolicy,
        Compression,
    }

    private static readonly Dictionary<string, (string Default, Kind Kind)> Known = new(StringComparer.Ordinal)
    {
        ["cleanup.policy"] = ("delete", Kind.CleanupPolicy),
        ["compression.type"] = ("producer", Kind.Compression),
        ["delete.retention.ms"] = ("86400000", Kind.Long),
        ["file.delete.delay.ms"] = ("60000", Kind.Long),
        ["flush.messages"] = ("9223372036854775807", Kind.Long),
        ["flush.ms"] = ("9223372036854775807", Kind.Long),
        ["follower.replication.throttled.replicas"] = ("", Kind.Text),
        ["index.interval.bytes"] = ("4096", Kind.Int),
        ["leader.replication.throttled.replicas"] = ("", Kind.Text),
        ["local.retention.bytes"] = ("-2", Kind.Long),
        ["local.retention.ms"] = ("-2", Kind.Long),
        ["max.compaction.lag.ms"] = ("9223372036854775807", Kind.Long),
        [MaxMessageBytes] = ("1048588", Kind.Int),
        ["message.downconversion.enable"] = ("true", Kind.Bool),
        ["message.timestamp.after.max.ms"] = ("9223372036854775807", Kind.Long),
        ["message.timestamp.before.max.ms"] = ("9223372036854775807", Kind.Long),
        ["message.timestamp.difference.max.ms"] = ("9223372036854775807", Kind.Long),
        [TimestampType] = ("CreateTime", Kind.TimestampType),
        ["min.cleanable.dirty.ratio"] = ("0.5", Kind.Double),
        ["min.compaction.lag.ms"] = ("0", Kind.Long),
        ["min.insync.replicas"] = ("1", Kind.Int),
        ["preallocate"] = ("false", Kind.Bool),
        ["remote.storage.enable"] = ("false", Kind.Bool),
        ["retention.bytes"] = ("-1", Kind.Long),
        ["retention.ms"] = ("604800000", Kind.Long),
        ["segment.bytes"] = ("1073741824", Kind.Int),
        ["segment.index.bytes"] = ("10485760", Kind.Int),
        ["segment.jitter.ms"] = ("0", Kind.Long),
        ["segment.ms"] = ("604800000", Kind.Long),
        ["unclean.leader.election.enable"] = ("false", Kind.Bool),
    };

    public static IEnumerable<string> Names => Known.Keys;

    public static string DefaultValue(string name) => Known[name].Default;

    public static bool IsKnown(string name) => Known.ContainsKey(name);

    /// <summary>Returns null when valid, else the reason to send back with INVALID_CONFIG.</summary>
    public static string? Validate(string name, string? value)
    {
        if (!Known.TryGetValue(name, out var known))
        {
            return $"Unknown topic config name: {name}";
        }

        if (value is null)
        {
            return $"Null value not supported for topic config {name}";
        }

        var ok = known.Kind switch
        {
            Kind.Long => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            Kind.Int => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            Kind.Double => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            Kind.Bool => value is "true" or "false",
            Kind.TimestampType => value is "CreateTime" or "LogAppendTime",
            Kind.CleanupPolicy => value.Split(',').All(p => p.Trim() is "delete" or "compact"),
            Kind.Compression => value is "producer" or "uncompressed" or "gzip" or "snappy" or "lz4" or "zstd",
            _ => true,
        };
        return ok ? null : $"Invalid value {value} for configuration {name}";
    }

    /// <summary>The settings the log acts on, from a topic's explicit configs.</summary>
    public static TopicSettings ToSettings(IReadOnlyDictionary<string, string> configs) => new(
        configs.TryGetValue(TimestampType, out var type) && type == "LogAppendTime",
        configs.TryGetValue(MaxMessageBytes, out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : TopicSettings.Default.MaxMessageBytes);
}
