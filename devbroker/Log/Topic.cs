using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Log;

/// <summary>A topic: its partitions' logs, its explicit configs and the directory holding its files.</summary>
internal sealed class Topic
{
    private PartitionLog[] _partitions;

    public Topic(TopicRecord record, string directory, PartitionLog[] partitions)
    {
        Record = record;
        Directory = directory;
        Settings = TopicConfigs.ToSettings(record.Configs);
        _partitions = partitions;
    }

    public string Name => Record.Name;

    public TopicRecord Record { get; private set; }

    public string Directory { get; }

    public TopicSettings Settings { get; }

    public IReadOnlyDictionary<string, string> Configs => Record.Configs;

    public PartitionLog[] Partitions => Volatile.Read(ref _partitions);

    public PartitionLog? GetPartition(int partition)
    {
        var partitions = Partitions;
        return (uint)partition < (uint)partitions.Length ? partitions[partition] : null;
    }

    /// <summary>Adds partitions (CreatePartitions); the caller serializes topic administration.</summary>
    public void AddPartitions(PartitionLog[] added)
    {
        Volatile.Write(ref _partitions, [.. _partitions, .. added]);
        Record = Record with { Partitions = _partitions.Length };
    }

    public static string PartitionFile(string directory, int partition) => Path.Combine(directory, $"{partition}.log");
}
