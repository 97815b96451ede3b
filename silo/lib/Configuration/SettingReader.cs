using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Client.Hosting;
using OrleansStreams.Text;

namespace OrleansStreams.Configuration;

/// <summary>
/// Reads typed values from a configuration section for the sections a <see cref="SettingTable{T}"/>
/// does not describe (pipelines, the embedded default), and turns every unreadable value into an
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

    public static T ReadEnum<T>(this IConfiguration section, string name, T defaultValue)
        where T : struct, Enum =>
        section.Read(name, defaultValue, SettingValues.TryEnum, _ => true, SettingValues.EnumMembers<T>());

    public static int ReadInt(this IConfiguration section, string name, int defaultValue, int min, int max) =>
        section.Read(name, defaultValue, SettingValues.TryInt, v => v >= min && v <= max, SettingValues.IntegerRange(min, max));

    public static long ReadLong(this IConfiguration section, string name, long defaultValue, long min, long max) =>
        section.Read(name, defaultValue, SettingValues.TryLong, v => v >= min && v <= max, SettingValues.IntegerRange(min, max));

    public static double ReadDouble(this IConfiguration section, string name, double defaultValue, double min, double max) =>
        section.Read(name, defaultValue, SettingValues.TryDouble, v => v >= min && v <= max, SettingValues.NumberRange(min, max));

    public static bool ReadBool(this IConfiguration section, string name, bool defaultValue) =>
        section.Read(name, defaultValue, bool.TryParse, _ => true, "true or false");

    /// <summary>Reads a duration written as <c>250ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c> or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ReadDuration(this IConfiguration section, string name, TimeSpan defaultValue, TimeSpan min, TimeSpan max) =>
        section.Read(name, defaultValue, Durations.TryParse, v => v >= min && v <= max, SettingValues.DurationRange(min, max));

    /// <summary>Reads <c>host:port</c>; the host may be a name or an IP address.</summary>
    public static DnsEndPoint? ReadEndpoint(this IConfiguration section, string name, DnsEndPoint? defaultValue) =>
        section.Read<DnsEndPoint?>(name, defaultValue, (string raw, out DnsEndPoint? value) => HostPort.TryParse(raw, out value!), _ => true, "host:port with a port from 1 to 65535");

    private static TValue Read<TValue>(this IConfiguration section, string name, TValue defaultValue, SettingValues.TryParse<TValue> parse, Func<TValue, bool> isAllowed, string allowed)
    {
        var raw = section.ReadString(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return parse(raw, out var value) && isAllowed(value) ? value : throw new InvalidSettingException(section.Key(name), raw, allowed);
    }
}
