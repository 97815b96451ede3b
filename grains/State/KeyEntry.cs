using OrleansStreams.Grains.Windows;

namespace OrleansStreams.Grains.State;

/// <summary>One key of a partition's window state, as <see cref="PartitionState{TValue, TAccumulator, TResult}"/> holds it.</summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator.</typeparam>
internal sealed class KeyEntry<TAccumulator>(string key, WindowEngineState<TAccumulator> windows)
{
    public string Key { get; } = key;

    /// <summary>The key's windows; <see cref="WindowEngineState{TAccumulator}.LastOffset"/> is the last offset the key processed.</summary>
    public WindowEngineState<TAccumulator> Windows { get; set; } = windows;

    /// <summary>Late records and dead letters waiting for the epoch of their causing offset, or null when there are none.</summary>
    public BufferedOutputs? Buffered { get; set; }

    /// <summary>The due time under which the key is queued for closing, or <see cref="long.MaxValue"/> when it is not queued.</summary>
    public long Due { get; set; } = long.MaxValue;

    /// <summary>Whether the key is in the list of keys with outputs to take.</summary>
    public bool HasOutputs { get; set; }

    /// <summary>Whether the key changed since the last checkpoint (and is in the list of keys to write).</summary>
    public bool Dirty { get; set; }

    /// <summary>The latest epoch whose records changed the key's windows in this generation, or -1.</summary>
    public long TouchedEpoch { get; set; } = -1;

    /// <summary>The key's windows at the end of epochs not yet committed, oldest first, or null when it has none.</summary>
    public KeyImage<TAccumulator>? Images { get; set; }
}
