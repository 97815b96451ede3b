using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>
/// The key state of one pipeline (grain key: the pipeline name) held in the memory of the silo
/// hosting the activation: the whole <see cref="IKeyStateStore"/> for that pipeline, every call
/// atomic (the grain is not reentrant). It survives partitions moving between live silos and is
/// lost when its silo stops. See <see cref="MemoryKeyStateStore"/>.
/// </summary>
[Alias("OrleansStreams.IMemoryKeyStateGrain")]
internal interface IMemoryKeyStateGrain : IGrainWithStringKey
{
    /// <summary>See <see cref="IKeyStateStore.BeginGenerationAsync"/>.</summary>
    [Alias("BeginGeneration")]
    Task<long> BeginGeneration(int partition);

    /// <summary>See <see cref="IKeyStateStore.WriteCheckpointAsync"/>; <paramref name="rows"/> are checked (keys unique, not null).</summary>
    [Alias("WriteCheckpoint")]
    Task<CheckpointWriteResult> WriteCheckpoint(int partition, long generation, long checkpoint, KeyStateRow[] rows);

    /// <summary>See <see cref="IKeyStateStore.RollBackAsync"/>.</summary>
    [Alias("RollBack")]
    Task RollBack(int partition, long generation, long checkpoint);

    /// <summary>See <see cref="IKeyStateStore.LoadAsync"/>: a snapshot taken at the first batch, streamed in batches.</summary>
    [Alias("Load")]
    IAsyncEnumerable<KeyStateRow> Load(int partition);

    /// <summary>See <see cref="IKeyStateStore.FindOwnersAsync"/>.</summary>
    [Alias("FindOwners")]
    Task<Dictionary<string, int>> FindOwners(string[] keys);
}
