using System.Globalization;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// <c>--name value</c> options of one benchmark, each with a default. <see cref="Line"/> is the
/// options line a benchmark prints first, so every result names the settings that produced it.
/// </summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values;

    private BenchOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Every option with its value, as it would be typed: <c>--records 1000000 --rounds 3</c>.</summary>
    public string Line => string.Join(' ', _values.Select(v => $"--{v.Key} {v.Value}"));

    /// <summary>Parses <paramref name="args"/> over <paramref name="defaults"/>; null (after printing why) when an option is unknown or has no value.</summary>
    public static BenchOptions? Parse(string[] args, IReadOnlyList<(string Name, string Default)> defaults)
    {
        var values = defaults.ToDictionary(d => d.Name, d => d.Default, StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !values.ContainsKey(name) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"bad option '{args[i]}'; options: {new BenchOptions(values).Line}");
                return null;
            }

            values[name] = args[i + 1];
        }

        return new BenchOptions(values);
    }

    public string String(string name) => _values[name];

    public int Int(string name) => int.Parse(_values[name], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    public double Double(string name) => double.Parse(_values[name], CultureInfo.InvariantCulture);

    public IReadOnlyList<string> List(string name) => _values[name].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A duration: <c>250ms</c>, <c>5s</c>, <c>2m</c>, or plain seconds.</summary>
    public TimeSpan Duration(string name) => ParseDuration(_values[name]);

    public static TimeSpan ParseDuration(string text) => text switch
    {
        _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture)),
        _ when text.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ when text.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
    };
}
