using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Client.Hosting;
using OrleansStreams.Text;

namespace OrleansStreams.Configuration;

/// <summary>
/// The settings of one options type, declared once each: the property (its initializer is the
/// default), how a configuration value is read, and what is allowed. The same declaration binds a
/// configuration section onto an options object and checks the object after code has changed it,
/// so a value from a file and a value set in C# get the same one-line error.
/// </summary>
/// <typeparam name="T">The options type.</typeparam>
internal sealed class SettingTable<T>
    where T : class
{
    private readonly List<ISetting> settings = [];

    private interface ISetting
    {
        string Name { get; }

        void Bind(IConfiguration section, T options);

        InvalidSettingException? Check(IConfiguration section, T options);
    }

    public SettingTable<T> Int(Expression<Func<T, int>> property, int min, int max) =>
        Add(property, SettingValues.TryInt, v => v >= min && v <= max, SettingValues.IntegerRange(min, max), v => v.ToString(CultureInfo.InvariantCulture));

    public SettingTable<T> Double(Expression<Func<T, double>> property, double min, double max) =>
        Add(property, SettingValues.TryDouble, v => v >= min && v <= max, SettingValues.NumberRange(min, max), v => v.ToString(CultureInfo.InvariantCulture));

    public SettingTable<T> Bool(Expression<Func<T, bool>> property) =>
        Add(property, bool.TryParse, _ => true, "true or false", v => v ? "true" : "false");

    public SettingTable<T> Duration(Expression<Func<T, TimeSpan>> property, TimeSpan min, TimeSpan max) =>
        Add(
            property,
            Durations.TryParse,
            v => v >= min && v <= max,
            SettingValues.DurationRange(min, max),
            Durations.Format);

    /// <summary>An enum named by exactly one member, case-insensitive (not a number, not a combination).</summary>
    public SettingTable<T> Enum<TEnum>(Expression<Func<T, TEnum>> property)
        where TEnum : struct, System.Enum =>
        Add(property, SettingValues.TryEnum, System.Enum.IsDefined, SettingValues.EnumMembers<TEnum>(), v => v.ToString());

    /// <summary>A string; blank means "not set" and keeps the default.</summary>
    public SettingTable<T> String(Expression<Func<T, string?>> property, Func<string, bool> isValid, string allowed) =>
        Add(property, (string raw, out string? value) => (value = raw) is not null, v => v is null || isValid(v), allowed, v => v ?? string.Empty);

    /// <summary>A <c>host:port</c> with a port from 1 to 65535, or not set.</summary>
    public SettingTable<T> Endpoint(Expression<Func<T, DnsEndPoint?>> property) =>
        Add(property, TryEndpoint, _ => true, "host:port with a port from 1 to 65535", v => v is null ? string.Empty : $"{v.Host}:{v.Port}");

    /// <summary>A <c>host:port</c> to listen on, port 0 meaning any free port.</summary>
    public SettingTable<T> Listen(Expression<Func<T, DnsEndPoint>> property) =>
        Add(property, ListenEndpoint.TryParse, v => v is not null, "host:port with a port from 0 (any free port) to 65535", v => v is null ? string.Empty : $"{v.Host}:{v.Port}");

    public SettingTable<T> Address(Expression<Func<T, IPAddress?>> property) =>
        Add(property, (string raw, out IPAddress? value) => IPAddress.TryParse(raw, out value), _ => true, "an IPv4 or IPv6 address", v => v?.ToString() ?? string.Empty);

    /// <summary>An absolute <c>http://</c> or <c>https://</c> URL, or not set.</summary>
    public SettingTable<T> HttpUrl(Expression<Func<T, Uri?>> property, string example) =>
        Add(
            property,
            (string raw, out Uri? value) => Uri.TryCreate(raw, UriKind.Absolute, out value),
            v => v is null || v.Scheme is "http" or "https",
            $"an absolute http:// or https:// URL, e.g. {example}",
            v => v?.ToString() ?? string.Empty);

    /// <summary>
    /// Sets every property whose key <paramref name="section"/> has; the others keep their values. A key
    /// under <c>OrleansStreams:</c> that is neither a setting nor one of <paramref name="otherKeys"/> is
    /// refused, so a misspelt key fails at start instead of leaving its default in place (keys of the
    /// top-level sections of earlier releases are not checked: an application may use those names).
    /// </summary>
    /// <exception cref="InvalidSettingException">A value cannot be read or is out of range, or a key is unknown.</exception>
    public void Bind(IConfiguration section, T options, params string[] otherKeys)
    {
        foreach (var child in SettingSections.Own(section).GetChildren())
        {
            if (!settings.Any(s => string.Equals(s.Name, child.Key, StringComparison.OrdinalIgnoreCase))
                && !otherKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidSettingException(
                    child.Path,
                    child.Value ?? "(a section)",
                    $"one of the keys {string.Join(", ", settings.Select(s => s.Name).Concat(otherKeys))} (this key is unknown)");
            }
        }

        foreach (var setting in settings)
        {
            setting.Bind(section, options);
        }
    }

    /// <summary>The first property of <paramref name="options"/> outside what is allowed, named by its key in <paramref name="section"/>.</summary>
    public InvalidSettingException? Check(IConfiguration section, T options)
    {
        foreach (var setting in settings)
        {
            if (setting.Check(section, options) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private SettingTable<T> Add<TValue>(
        Expression<Func<T, TValue>> property,
        SettingValues.TryParse<TValue> parse,
        Func<TValue, bool> isAllowed,
        string allowed,
        Func<TValue, string> format)
    {
        var info = property.Body is MemberExpression { Member: PropertyInfo p } && p.CanWrite
            ? p
            : throw new ArgumentException("a settable property of the options type, e.g. o => o.CommitInterval", nameof(property));
        settings.Add(new Setting<TValue>(info.Name, property.Compile(), (o, v) => info.SetValue(o, v), parse, isAllowed, allowed, format));
        return this;
    }

    private static bool TryEndpoint(string raw, out DnsEndPoint? value)
    {
        var parsed = HostPort.TryParse(raw, out var endpoint);
        value = endpoint;
        return parsed;
    }

    private sealed class Setting<TValue>(
        string name,
        Func<T, TValue> get,
        Action<T, TValue> set,
        SettingValues.TryParse<TValue> parse,
        Func<TValue, bool> isAllowed,
        string allowed,
        Func<TValue, string> format) : ISetting
    {
        public string Name => name;

        public void Bind(IConfiguration section, T options)
        {
            var raw = section[name];
            if (string.IsNullOrWhiteSpace(raw))
            {
                return;
            }

            if (!parse(raw.Trim(), out var value) || !isAllowed(value))
            {
                throw new InvalidSettingException(section.Key(name), raw, allowed);
            }

            set(options, value);
        }

        public InvalidSettingException? Check(IConfiguration section, T options)
        {
            var value = get(options);
            return isAllowed(value) ? null : new InvalidSettingException(section.Key(name), format(value), allowed);
        }
    }
}
