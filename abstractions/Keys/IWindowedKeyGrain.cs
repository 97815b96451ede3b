namespace OrleansStreams.Keys;

/// <summary>The built-in key grain of windowed pipelines; clients query its window state.</summary>
public interface IWindowedKeyGrain : IKeyGrain
{
    /// <summary>The key's windows (open and retained closed) with their current results.</summary>
    /// <param name="committed">
    /// <see langword="false"/> for the live state, including records not yet committed;
    /// <see langword="true"/> for the state as of the last epoch known to have committed.
    /// </param>
    /// <returns>The windows.</returns>
    ValueTask<KeyWindows> GetWindows(bool committed);
}
