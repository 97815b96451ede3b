using System.Text.Json;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>Stored windows as the SDK returns them.</summary>
internal static class WindowStates
{
    public static IReadOnlyList<WindowState> From(StoredWindow[] windows) =>
        [.. windows.OrderBy(w => w.Start).Select(w => new WindowState(Instant(w.Start), Instant(w.End), w.Final, Json(w.Result)))];

    public static DateTimeOffset Instant(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(
            epochMilliseconds,
            DateTimeOffset.MinValue.ToUnixTimeMilliseconds(),
            DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));

    /// <summary>The result document; text that is not JSON (never written by a pipeline) comes back as a JSON string rather than failing the whole answer.</summary>
    private static JsonElement Json(string result)
    {
        try
        {
            using var document = JsonDocument.Parse(result);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(result, WindowStateJson.Default.String);
        }
    }
}
