namespace OrleansStreams.Client;

/// <summary>What a pipeline holds for one key.</summary>
/// <param name="Key">The key asked for.</param>
/// <param name="Found">Whether any partition holds state for the key (in any window, in the time range or not).</param>
/// <param name="Partition">The partition that holds the key; <see langword="null"/> when not found.</param>
/// <param name="Position">The position of that partition the windows reflect; <see langword="null"/> when not found.</param>
/// <param name="Windows">The key's windows in the time range, in start order; empty when not found.</param>
public sealed record KeyWindows(
    string Key,
    bool Found,
    int? Partition,
    QueryPosition? Position,
    IReadOnlyList<WindowState> Windows)
{
    /// <summary>A key no partition holds.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The answer.</returns>
    public static KeyWindows NotFound(string key) => new(key, false, null, null, []);
}
