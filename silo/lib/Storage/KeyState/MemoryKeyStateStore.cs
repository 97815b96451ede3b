using System.Runtime.CompilerServices;
using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>
/// <see cref="IKeyStateStore"/> in silo memory (<c>Storage:Provider=Memory</c>): one
/// <see cref="IMemoryKeyStateGrain"/> per pipeline holds the state, so any silo of the cluster sees
/// the same state and a partition moving between live silos keeps it; it is lost when the silo
/// hosting the grain stops (a write of a generation begun before that is then fenced). Arguments are
/// checked here, before the call, so the grain applies a checked write all at once or not at all.
/// </summary>
/// <remarks>A checkpoint travels as one grain call: it must stay below Orleans' message size limit (100 MB by default).</remarks>
internal sealed class MemoryKeyStateStore(IGrainFactory grainFactory) : IKeyStateStore
{
    /// <summary>Rows per batch of a streamed <see cref="LoadAsync"/>.</summary>
    public const int LoadBatchSize = 1_000;

    public Task<long> BeginGenerationAsync(string pipeline, int partition, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckPartition(pipeline, partition);
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(pipeline).BeginGeneration(partition);
    }

    public Task<CheckpointWriteResult> WriteCheckpointAsync(
        string pipeline, int partition, long generation, long checkpoint, IReadOnlyList<KeyStateRow> rows, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckWrite(pipeline, partition, generation, checkpoint, minimumCheckpoint: 1);
        var sorted = KeyStateRows.Sorted(rows);
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(pipeline).WriteCheckpoint(partition, generation, checkpoint, sorted.ToArray());
    }

    public Task RollBackAsync(string pipeline, int partition, long generation, long checkpoint, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckWrite(pipeline, partition, generation, checkpoint, minimumCheckpoint: 0);
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(pipeline).RollBack(partition, generation, checkpoint);
    }

    public async IAsyncEnumerable<KeyStateRow> LoadAsync(string pipeline, int partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckPartition(pipeline, partition);
        await foreach (var row in Grain(pipeline).Load(partition).WithBatchSize(LoadBatchSize).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> FindOwnersAsync(string pipeline, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        KeyStateRows.CheckKeys(pipeline, keys);
        cancellationToken.ThrowIfCancellationRequested();
        return keys.Count == 0 ? new Dictionary<string, int>() : await Grain(pipeline).FindOwners([.. keys]);
    }

    private IMemoryKeyStateGrain Grain(string pipeline) => grainFactory.GetGrain<IMemoryKeyStateGrain>(pipeline);
}
