using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>
/// <see cref="IMemoryKeyStateGrain"/>: the same rows and rules as the SQL stores' tables, in
/// dictionaries. Kept alive while its silo runs (never collected when idle), like Orleans' memory
/// grain storage. Byte arrays are copied in and out, so no caller shares a buffer with the store.
/// </summary>
[KeepAlive]
internal sealed class MemoryKeyStateGrain : Grain, IMemoryKeyStateGrain
{
    private readonly Dictionary<string, MemoryKeyStateEntry> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<int, MemoryPartitionState> _partitions = [];

    private string Pipeline => this.GetPrimaryKeyString();

    public Task<long> BeginGeneration(int partition)
    {
        var state = Partition(partition);
        state.Generation++;
        return Task.FromResult(state.Generation);
    }

    public Task<CheckpointWriteResult> WriteCheckpoint(int partition, long generation, long checkpoint, KeyStateRow[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var state = Fenced(partition, generation);

        // Committed deletions: every tombstone older than this checkpoint.
        foreach (var key in state.Tombstones.Where(k => _keys[k].Checkpoint < checkpoint).ToList())
        {
            Remove(state, key);
        }

        List<KeyValuePair<string, int>>? foreign = null;
        long bytes = 0;
        foreach (var row in rows)
        {
            var data = row.IsDeletion ? null : row.Data.ToArray();
            if (!_keys.TryGetValue(row.Key, out var entry))
            {
                _keys.Add(row.Key, new MemoryKeyStateEntry(partition, checkpoint, data));
                state.Keys.Add(row.Key);
            }
            else if (entry.Partition != partition)
            {
                (foreign ??= []).Add(new(row.Key, entry.Partition));
                continue;
            }
            else
            {
                // A retried write of the same checkpoint replaces it and keeps the version before.
                if (entry.Checkpoint < checkpoint)
                {
                    entry.PreviousCheckpoint = entry.Checkpoint;
                    entry.PreviousData = entry.Data;
                }

                entry.Checkpoint = checkpoint;
                entry.Data = data;
            }

            MarkTombstone(state, row.Key, data is null);
            bytes += data?.Length ?? 0;
        }

        return Task.FromResult(foreign is null ? CheckpointWriteResult.Written(bytes) : new CheckpointWriteResult { Foreign = foreign, BytesWritten = bytes });
    }

    public Task RollBack(int partition, long generation, long checkpoint)
    {
        var state = Fenced(partition, generation);
        foreach (var key in state.Keys.Where(k => _keys[k].Checkpoint > checkpoint).ToList())
        {
            var entry = _keys[key];
            if (entry.PreviousCheckpoint is { } previous && previous <= checkpoint)
            {
                entry.Checkpoint = previous;
                entry.Data = entry.PreviousData;
                entry.PreviousCheckpoint = null;
                entry.PreviousData = null;
                MarkTombstone(state, key, entry.Data is null);
            }
            else
            {
                Remove(state, key);
            }
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<KeyStateRow> Load(int partition)
    {
        // Other calls run between batches: enumerate a snapshot. Stored arrays are never changed in
        // place (a write stores a new one), so a snapshot of references is the state at this call.
        List<(string Key, byte[] Data)> snapshot = _partitions.TryGetValue(partition, out var state)
            ? [.. state.Keys.Select(k => (Key: k, _keys[k].Data)).Where(r => r.Data is not null).Select(r => (r.Key, r.Data!))]
            : [];
        return snapshot.Select(r => new KeyStateRow(r.Key, r.Data.ToArray())).ToAsyncEnumerable();
    }

    public Task<Dictionary<string, int>> FindOwners(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (_keys.TryGetValue(key, out var entry))
            {
                owners[key] = entry.Partition;
            }
        }

        return Task.FromResult(owners);
    }

    private static void MarkTombstone(MemoryPartitionState state, string key, bool tombstone)
    {
        if (tombstone)
        {
            state.Tombstones.Add(key);
        }
        else
        {
            state.Tombstones.Remove(key);
        }
    }

    private MemoryPartitionState Fenced(int partition, long generation)
    {
        var state = _partitions.GetValueOrDefault(partition);
        KeyStateFence.Check(Pipeline, partition, generation, state is null || state.Generation == 0 ? null : state.Generation);
        return state!;
    }

    private MemoryPartitionState Partition(int partition)
    {
        if (!_partitions.TryGetValue(partition, out var state))
        {
            _partitions.Add(partition, state = new MemoryPartitionState());
        }

        return state;
    }

    private void Remove(MemoryPartitionState state, string key)
    {
        _keys.Remove(key);
        state.Keys.Remove(key);
        state.Tombstones.Remove(key);
    }
}
