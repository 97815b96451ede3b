using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OrleansStreams.DevBroker.Hosting;

/// <summary>The broker's command line: parsed into options, or one line naming the bad option, its value and what is allowed.</summary>
internal sealed class CommandLine
{
    public const string Usage =
        "usage: devbroker [--listen host:port] [--data-dir path] [--partitions n] [--auto-create-topics on|off]\n" +
        "                 [--transaction-timeout-max duration] [--fsync on|off] [--max-request-bytes n]\n" +
        "                 [--group-initial-rebalance-delay duration] [--log-level level]\n" +
        "durations: 900000 (ms), 500ms, 30s, 15m, 1h; defaults: --listen 127.0.0.1:9092 --data-dir ./data/kafka";

    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        [nameof(DevBrokerOptions.ListenHost)] = "--listen",
        [nameof(DevBrokerOptions.Port)] = "--listen",
        [nameof(DevBrokerOptions.DataDirectory)] = "--data-dir",
        [nameof(DevBrokerOptions.DefaultPartitions)] = "--partitions",
        [nameof(DevBrokerOptions.TransactionTimeoutMax)] = "--transaction-timeout-max",
        [nameof(DevBrokerOptions.MaxRequestBytes)] = "--max-request-bytes",
        [nameof(DevBrokerOptions.GroupInitialRebalanceDelay)] = "--group-initial-rebalance-delay",
    };

    public DevBrokerOptions Options { get; } = new() { Port = 9092, DataDirectory = Path.Combine(".", "data", "kafka") };

    public LogLevel LogLevel { get; private set; } = LogLevel.Information;

    public bool ShowHelp { get; private set; }

    /// <summary>Parses <paramref name="args"/>; returns null on success, else the one-line error.</summary>
    public string? Parse(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                ShowHelp = true;
                return null;
            }

            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }

            var error = value is null ? $"Invalid option {name}: a value is required." : Apply(name, value);
            if (error is not null)
            {
                return error;
            }
        }

        try
        {
            Options.Validate();
            return null;
        }
        catch (InvalidOptionException e)
        {
            return Invalid(OptionNames.GetValueOrDefault(e.Option, e.Option), e.Value, e.Allowed);
        }
    }

    private string? Apply(string name, string value)
    {
        switch (name)
        {
            case "--listen":
                var colon = value.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    return Invalid(name, value, "host:port with a port from 0 to 65535");
                }

                Options.ListenHost = value[..colon].Trim('[', ']');
                Options.Port = port;
                return null;
            case "--data-dir":
                Options.DataDirectory = value;
                return null;
            case "--partitions":
                return ParseInt(name, value, 1, 10000, v => Options.DefaultPartitions = v);
            case "--max-request-bytes":
                return ParseInt(name, value, 1024, 1 << 30, v => Options.MaxRequestBytes = v);
            case "--auto-create-topics":
                return ParseSwitch(name, value, v => Options.AutoCreateTopics = v);
            case "--fsync":
                return ParseSwitch(name, value, v => Options.Fsync = v);
            case "--transaction-timeout-max":
                return ParseDuration(name, value, 1, int.MaxValue, v => Options.TransactionTimeoutMax = v);
            case "--group-initial-rebalance-delay":
                return ParseDuration(name, value, 0, 300_000, v => Options.GroupInitialRebalanceDelay = v);
            case "--log-level":
                if (!Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) || !Enum.IsDefined(level))
                {
                    return Invalid(name, value, "one of Trace, Debug, Information, Warning, Error, Critical, None");
                }

                LogLevel = level;
                return null;
            default:
                return $"Unknown option {name}; allowed are --listen, --data-dir, --partitions, --auto-create-topics, --transaction-timeout-max, --fsync, --max-request-bytes, --group-initial-rebalance-delay, --log-level.";
        }
    }

    private static string? ParseInt(string name, string value, int min, int max, Action<int> set)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return Invalid(name, value, $"an integer from {min} to {max}");
        }

        set(parsed);
        return null;
    }

    private static string? ParseSwitch(string name, string value, Action<bool> set)
    {
        switch (value.ToLowerInvariant())
        {
            case "on" or "true" or "yes" or "1":
                set(true);
                return null;
            case "off" or "false" or "no" or "0":
                set(false);
                return null;
            default:
                return Invalid(name, value, "on or off");
        }
    }

    private static string? ParseDuration(string name, string value, long minMs, long maxMs, Action<TimeSpan> set)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1L)
            : value.EndsWith('s') ? (value[..^1], 1000L)
            : value.EndsWith('m') ? (value[..^1], 60_000L)
            : value.EndsWith('h') ? (value[..^1], 3_600_000L)
            : (value, 1L);
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount > int.MaxValue || amount * unit < minMs || amount * unit > maxMs)
        {
            return Invalid(name, value, $"a duration from {minMs} to {maxMs} ms, written as 900000, 500ms, 30s, 15m or 1h");
        }

        set(TimeSpan.FromMilliseconds(amount * unit));
        return null;
    }

    private static string Invalid(string name, string value, string allowed) => $"Invalid option {name} = '{value}': allowed is {allowed}.";
}
