using System.Text;
using OrleansStreams.Grains.State;

namespace OrleansStreams.Silo.Tests.Storage.KeyState;

/// <summary>Rows with readable data, and the store's contents as a dictionary.</summary>
internal static class KeyStateTestData
{
    public static string NewPipeline() => $"pipeline-{Guid.NewGuid():N}";

    /// <summary>A row whose data is the UTF-8 of <paramref name="value"/>; null deletes.</summary>
    public static KeyStateRow Row(string key, string? value) => new(key, value is null ? null : Encoding.UTF8.GetBytes(value));

    public static KeyStateRow[] Rows(params (string Key, string? Value)[] rows) => [.. rows.Select(r => Row(r.Key, r.Value))];

    /// <summary>Every loaded row, key to decoded value; fails on a key loaded twice.</summary>
    public static async Task<Dictionary<string, string>> LoadAsync(IKeyStateStore store, string pipeline, int partition)
    {
        var loaded = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in store.LoadAsync(pipeline, partition))
        {
            Assert.False(row.IsDeletion);
            Assert.True(loaded.TryAdd(row.Key, Encoding.UTF8.GetString(row.Data.Span)), $"key {row.Key} loaded twice");
        }

        return loaded;
    }

    public static Dictionary<string, string> Expected(params (string Key, string Value)[] rows) =>
        rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
}
