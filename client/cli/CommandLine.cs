using System.Globalization;
using OrleansStreams.Text;

namespace OrleansStreams.Client.Cli;

/// <summary>Reads <c>--name value</c> options and reports bad ones in one line.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{name}'");
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                _options[name[2..equals]] = name[(equals + 1)..];
            }
            else if (e.MoveNext())
            {
                _options[name[2..]] = e.Current;
            }
            else
            {
                throw new UsageException($"option {name} needs a value");
            }
        }
    }

    public string String(string name, string defaultValue) => Get(name) ?? defaultValue;

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

    /// <summary>Fails on options nobody asked for (typos).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]}");
        }
    }

    private string? Get(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }
}

/// <summary>A command line that cannot be run; the message is printed as is.</summary>
internal sealed class UsageException(string message) : Exception(message);
