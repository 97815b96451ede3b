using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Text;

namespace OrleansStreams.Configuration;

/// <summary>
/// Reads typed values from a configuration section and turns every unreadable value into an
/// <see cref="InvalidSettingException"/> naming the full key, the value and what is allowed.
/// </summary>
internal static class SettingReader
{
    public static string Key(this IConfiguration section, string name) => SettingSections.KeyOf(section, name);

    public static string? ReadString(this IConfiguration section, string name, string? defaultValue = null)
    {
        var raw = section[name];
        return string.IsNullOrWhiteSpace(raw) ? defaultValue : raw.Trim();
    }

    public static string ReadRequiredString(this IConfiguration section, string name, string allowed) =>
        section.ReadString(name) ?? throw new InvalidSettingException(section.Key(name), null, allowed);

    public static T ReadEnum<T>(this IConfiguration section, string name, T defaultValue)
        where T : struct, Enum
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        // Enum.TryParse also takes numbers and comma-separated combinations; a setting names exactly one member.
        var wanted = raw.Trim();
        if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)) is { } member)
        {
            return Enum.Parse<T>(member);
        }

        throw new InvalidSettingException(section.Key(name), raw, $"one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    public static int ReadInt(this IConfiguration section, string name, int defaultValue, int min, int max)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new InvalidSettingException(section.Key(name), raw, $"an integer from {min} to {max}");
    }

    public static long ReadLong(this IConfiguration section, string name, long defaultValue, long min, long max)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new InvalidSettingException(section.Key(name), raw, $"an integer from {min} to {max}");
    }

    public static double ReadDouble(this IConfiguration section, string name, double defaultValue, double min, double max)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new InvalidSettingException(section.Key(name), raw, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    public static bool ReadBool(this IConfiguration section, string name, bool defaultValue)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return bool.TryParse(raw, out var value)
            ? value
            : throw new InvalidSettingException(section.Key(name), raw, "true or false");
    }

    /// <summary>Reads a duration written as <c>250ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c> or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ReadDuration(this IConfiguration section, string name, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (Durations.TryParse(raw, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw new InvalidSettingException(
            section.Key(name),
            raw,
            $"a duration from {Durations.Format(min)} to {Durations.Format(max)} (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss)");
    }

    /// <summary>Reads <c>host:port</c>; the host may be a name or an IP address.</summary>
    public static DnsEndPoint? ReadEndpoint(this IConfiguration section, string name, DnsEndPoint? defaultValue)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return EndpointParser.TryParse(raw, out var endpoint)
            ? endpoint
            : throw new InvalidSettingException(section.Key(name), raw, "host:port with a port from 1 to 65535");
    }
}
