namespace OrleansStreams.Grains.State;

/// <summary>One key's state in a checkpoint: its snapshot, or <see langword="null"/> when the key has no state left.</summary>
/// <param name="Key">The key.</param>
/// <param name="Data">The key's snapshot bytes, or <see langword="null"/> to delete the key.</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.KeyStateRow")]
internal readonly record struct KeyStateRow([property: Id(0)] string Key, [property: Id(1)] byte[]? Data);
