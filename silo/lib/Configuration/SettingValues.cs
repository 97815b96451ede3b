using System.Globalization;

namespace OrleansStreams.Configuration;

/// <summary>How a setting's text becomes a value, and how "what is allowed" is said: shared by <see cref="SettingTable{T}"/> and <see cref="SettingReader"/>.</summary>
internal static class SettingValues
{
    public delegate bool TryParse<TValue>(string raw, out TValue value);

    public const string DurationExamples = "(e.g. 250ms, 10s, 5m, 1h or hh:mm:ss)";

    public static bool TryInt(string raw, out int value) =>
        int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public static bool TryLong(string raw, out long value) =>
        long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    public static bool TryDouble(string raw, out double value) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Exactly one member's name, case-insensitive: Enum.TryParse would also take numbers and comma-separated combinations.</summary>
    public static bool TryEnum<TEnum>(string raw, out TEnum value)
        where TEnum : struct, Enum
    {
        if (Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, raw, StringComparison.OrdinalIgnoreCase)) is { } member)
        {
            value = Enum.Parse<TEnum>(member);
            return true;
        }

        value = default;
        return false;
    }

    public static string IntegerRange(long min, long max) =>
        $"an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";

    public static string NumberRange(double min, double max) =>
        $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";

    public static string DurationRange(TimeSpan min, TimeSpan max) =>
        $"a duration from {Text.Durations.Format(min)} to {Text.Durations.Format(max)} {DurationExamples}";

    public static string EnumMembers<TEnum>()
        where TEnum : struct, Enum =>
        $"one of {string.Join(", ", Enum.GetNames<TEnum>())}";
}
