using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansStreams.Client.Cli;

/// <summary>How the commands write values: times in UTC ISO-8601 in tables, epoch milliseconds in JSON (as the output topics do).</summary>
internal static class CliFormat
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "-";

    /// <summary>A stream time: epoch milliseconds, <see cref="long.MinValue"/> before any record.</summary>
    public static string StreamTime(long epochMilliseconds) =>
        epochMilliseconds == long.MinValue ? "-" : Time(Querying.WindowStates.Instant(epochMilliseconds));

    public static string Number(long value) => value < 0 ? "-" : value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Age(DateTimeOffset then, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (now - then).TotalSeconds):0.0}s ago");

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>The JSON on one line; the stored text as it is when it already is (re-serializing would escape non-ASCII text).</summary>
    public static string Compact(JsonElement json)
    {
        var raw = json.GetRawText();
        return raw.Contains('\n', StringComparison.Ordinal) ? JsonSerializer.Serialize(json, CliJson.Default.JsonElement) : raw;
    }

    /// <summary>Writes one indented JSON document and a line break.</summary>
    public static void Json(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
