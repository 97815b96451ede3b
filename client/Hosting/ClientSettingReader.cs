using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Configuration;
using OrleansStreams.Text;

namespace OrleansStreams.Client.Hosting;

/// <summary>Reads typed values from a configuration section; an unreadable value becomes an <see cref="InvalidSettingException"/>.</summary>
internal static class ClientSettingReader
{
    public static string Key(this IConfigurationSection section, string name) => SettingSections.KeyOf(section, name);

    public static string? ReadString(this IConfigurationSection section, string name, string? defaultValue = null)
    {
        var raw = section[name];
        return string.IsNullOrWhiteSpace(raw) ? defaultValue : raw.Trim();
    }

    public static T ReadEnum<T>(this IConfigurationSection section, string name, T defaultValue)
        where T : struct, Enum
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        // Enum.TryParse also takes numbers and combinations; a setting names exactly one member.
        return Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, raw, StringComparison.OrdinalIgnoreCase)) is { } member
            ? Enum.Parse<T>(member)
            : throw new InvalidSettingException(section.Key(name), raw, $"one of {string.Join(", ", Enum.GetNames<T>())}");
    }

    public static int ReadInt(this IConfigurationSection section, string name, int defaultValue, int min, int max)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidSettingException(section.Key(name), raw, $"an integer from {min} to {max}");
    }

    public static TimeSpan ReadDuration(this IConfigurationSection section, string name, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return Durations.TryParse(raw, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidSettingException(
                section.Key(name),
                raw,
                $"a duration from {Durations.Format(min)} to {Durations.Format(max)} (e.g. 250ms, 10s, 5m, 1h or hh:mm:ss)");
    }

    /// <summary>Reads a comma-separated list of <c>host:port</c>.</summary>
    public static IReadOnlyList<DnsEndPoint>? ReadEndpoints(this IConfigurationSection section, string name)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return null;
        }

        var endpoints = new List<DnsEndPoint>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            endpoints.Add(HostPort.TryParse(part, out var endpoint)
                ? endpoint
                : throw new InvalidSettingException(section.Key(name), raw, "a comma-separated list of host:port with ports from 1 to 65535"));
        }

        return endpoints.Count > 0
            ? endpoints
            : throw new InvalidSettingException(section.Key(name), raw, "a comma-separated list of host:port with ports from 1 to 65535");
    }
}
