using System.Collections.Concurrent;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// Which partition held a key when last asked, so the next query of it asks one partition instead of
/// all. Bounded: when full it starts over, which costs one fan-out per key asked again.
/// </summary>
internal sealed class KeyPartitionCache(int capacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<(string Pipeline, string Key), int> _partitions = new();

    public int Count => _partitions.Count;

    public bool TryGet(string pipeline, string key, out int partition) => _partitions.TryGetValue((pipeline, key), out partition);

    public void Set(string pipeline, string key, int partition)
    {
        if (_partitions.Count >= capacity && !_partitions.ContainsKey((pipeline, key)))
        {
            _partitions.Clear();
        }

        _partitions[(pipeline, key)] = partition;
    }

    public void Remove(string pipeline, string key, int partition) =>
        _partitions.TryRemove(new KeyValuePair<(string, string), int>((pipeline, key), partition));
}
