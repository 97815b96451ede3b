using System.Globalization;
using OrleansStreams.Text;

namespace OrleansStreams.Client.Cli;

/// <summary>
/// Reads <c>--name value</c> options (<c>--name=value</c> too; some may be repeated) and
/// <c>--flag</c> switches, which are options followed by nothing or by another option, and reports
/// bad ones in one line.
/// </summary>
internal sealed class CommandLine
{
    /// <summary>ISO-8601 with a date (a bare time of day would depend on today), with or without seconds, fraction and offset.</summary>
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    private readonly Dictionary<string, List<string?>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var name = list[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new UsageException($"unexpected argument '{name}'");
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                Add(name[2..equals], name[(equals + 1)..]);
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                Add(name[2..], list[++i]);
            }
            else
            {
                Add(name[2..], null);
            }
        }
    }

    public string String(string name, string defaultValue) => Get(name) ?? defaultValue;

    public string? OptionalString(string name) => Get(name);

    /// <summary>Every value of an option that may be given more than once, in order.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        _used.Add(name);
        var values = _options.GetValueOrDefault(name) ?? [];
        return values.Any(v => v is null) ? throw new UsageException($"option --{name} needs a value") : [.. values.Select(v => v!)];
    }

    /// <summary>A switch: <c>--name</c> alone, or <c>--name=true|false</c>.</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        var values = _options.GetValueOrDefault(name);
        return values switch
        {
            null => false,
            [null] => true,
            [var raw] => bool.TryParse(raw, out var value) ? value : throw new UsageException($"--{name} '{raw}': a switch takes no value (or true or false)"),
            _ => throw new UsageException($"option --{name} given more than once"),
        };
    }

    public double Double(string name, double defaultValue, double min, double max) =>
        Get(name) is { } raw
            ? double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v
                : throw new UsageException($"--{name} '{raw}': expected a number from {min} to {max}")
            : defaultValue;

    public long Long(string name, long defaultValue, long min, long max) =>
        Get(name) is { } raw
            ? long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v
                : throw new UsageException($"--{name} '{raw}': expected an integer from {min} to {max}")
            : defaultValue;

    public TimeSpan Duration(string name, TimeSpan defaultValue) =>
        Get(name) is { } raw
            ? Durations.TryParse(raw, out var v) ? v : throw new UsageException($"--{name} '{raw}': expected a duration such as 250ms, 10s, 5m")
            : defaultValue;

    public TimeSpan? OptionalDuration(string name) => Get(name) is null ? null : Duration(name, TimeSpan.Zero);

    /// <summary>An instant written as epoch milliseconds or ISO-8601 (a time without an offset is UTC).</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Get(name) is not { } raw)
        {
            return null;
        }

        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            && ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return DateTimeOffset.TryParseExact(raw, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new UsageException($"--{name} '{raw}': expected epoch milliseconds or an ISO-8601 time such as 2025-01-31T12:00:00Z");
    }

    /// <summary>One of a few words, case-insensitive.</summary>
    public string Choice(string name, string defaultValue, params string[] allowed) =>
        Get(name) is { } raw
            ? allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--{name} '{raw}': expected {string.Join(" or ", allowed)}")
            : defaultValue;

    /// <summary>Fails on options nobody asked for (typos).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]}");
        }
    }

    private void Add(string name, string? value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }

    private string? Get(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name) switch
        {
            null => null,
            [null] => throw new UsageException($"option --{name} needs a value"),
            [var value] => value,
            _ => throw new UsageException($"option --{name} given more than once"),
        };
    }
}

/// <summary>A command line that cannot be run; the message is printed as is.</summary>
internal sealed class UsageException(string message) : Exception(message);
