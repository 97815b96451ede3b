using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// Every topic of the broker: lookup on the hot path without locks, creation, deletion and partition
/// growth serialized and recorded in the journal before they take effect for clients.
/// </summary>
internal sealed class TopicRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _adminLock = new();
    private readonly string _logsDirectory;
    private readonly Journal _journal;
    private readonly DevBrokerOptions _options;
    private readonly ILogger _logger;

    public TopicRegistry(string logsDirectory, Journal journal, DevBrokerOptions options, ILogger logger)
    {
        _logsDirectory = logsDirectory;
        _journal = journal;
        _options = options;
        _logger = logger;
        System.IO.Directory.CreateDirectory(logsDirectory);
    }

    /// <summary>Raised (under the admin lock) after a topic is deleted, so offsets and waiters can be dropped.</summary>
    public event Action<string>? TopicDeleted;

    public ICollection<Topic> All => _topics.Values;

    /// <summary>Opens every topic of the recovered state and removes directories of deleted topics.</summary>
    public void Restore(RecoveredState state)
    {
        foreach (var record in state.Topics.Values)
        {
            var directory = DirectoryFor(record);
            System.IO.Directory.CreateDirectory(directory);
            var partitions = new PartitionLog[record.Partitions];
            var settings = TopicConfigs.ToSettings(record.Configs);
            for (var p = 0; p < partitions.Length; p++)
            {
                var id = new TopicPartition(record.Name, p);
                partitions[p] = PartitionLog.Open(id, Topic.PartitionFile(directory, p), settings,
                    state.LogStartOffsets.GetValueOrDefault(id), _options.Fsync, _logger);
            }

            _topics[record.Name] = new Topic(record, directory, partitions);
        }

        var live = _topics.Values.Select(t => t.Directory).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in System.IO.Directory.EnumerateDirectories(_logsDirectory).Where(d => !live.Contains(d)).ToList())
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out Topic? topic) => _topics.TryGetValue(name, out topic);

    public PartitionLog? GetPartition(string topic, int partition) =>
        _topics.TryGetValue(topic, out var t) ? t.GetPartition(partition) : null;

    public PartitionLog? GetPartition(TopicPartition partition) => GetPartition(partition.Topic, partition.Partition);

    /// <summary>CreateTopics semantics; returns the error code and, for errors, a message.</summary>
    public short Create(string name, int partitions, short replicationFactor, IReadOnlyDictionary<string, string?> configs, bool validateOnly, out string? message)
    {
        var error = TopicValidation.Validate(name, ref partitions, replicationFactor, configs, _options.DefaultPartitions, out message, out var explicitConfigs);
        if (error != ErrorCodes.None)
        {
            return error;
        }

        lock (_adminLock)
        {
            if (_topics.ContainsKey(name))
            {
                message = $"Topic '{name}' already exists.";
                return ErrorCodes.TopicAlreadyExists;
            }

            if (!validateOnly)
            {
                CreateLocked(new TopicRecord(name, Guid.NewGuid(), partitions, explicitConfigs));
            }
        }

        return ErrorCodes.None;
    }

    /// <summary>Metadata-driven auto-creation with broker defaults; null when disabled or the name is invalid.</summary>
    public Topic? GetOrAutoCreate(string name)
    {
        if (_topics.TryGetValue(name, out var topic))
        {
            return topic;
        }

        if (!_options.AutoCreateTopics || !TopicNames.IsValid(name))
        {
            return null;
        }

        lock (_adminLock)
        {
            return _topics.TryGetValue(name, out topic)
                ? topic
                : CreateLocked(new TopicRecord(name, Guid.NewGuid(), _options.DefaultPartitions, new Dictionary<string, string>(StringComparer.Ordinal)));
        }
    }

    public short Delete(string name)
    {
        lock (_adminLock)
        {
            if (!_topics.TryGetValue(name, out var topic))
            {
                return ErrorCodes.UnknownTopicOrPartition;
            }

            _journal.WriteTopicDeleted(name);
            _topics.TryRemove(name, out _);
            foreach (var partition in topic.Partitions)
            {
                partition.Dispose();
            }

            TopicDeleted?.Invoke(name);
            try
            {
                System.IO.Directory.Delete(topic.Directory, recursive: true);
            }
            catch (IOException e)
            {
                // Left for the next start to remove; the journal already says the topic is gone.
                BrokerLog.LogDirectoryDeleteFailed(_logger, topic.Directory, e);
            }

            BrokerLog.LogTopicDeleted(_logger, name);
            return ErrorCodes.None;
        }
    }

    /// <summary>CreatePartitions semantics: grow the topic to <paramref name="count"/> partitions.</summary>
    public short AddPartitions(string name, int count, bool validateOnly, out string? message)
    {
        message = null;
        lock (_adminLock)
        {
            if (!_topics.TryGetValue(name, out var topic))
            {
                message = $"The topic '{name}' does not exist.";
                return ErrorCodes.UnknownTopicOrPartition;
            }

            var current = topic.Partitions.Length;
            if (count <= current)
            {
                message = $"Topic currently has {current} partitions, which is higher than the requested {count}.";
                return ErrorCodes.InvalidPartitions;
            }

            if (!validateOnly)
            {
                _journal.WritePartitionsAdded(name, count);
                var added = new PartitionLog[count - current];
                for (var i = 0; i < added.Length; i++)
                {
                    var id = new TopicPartition(name, current + i);
                    added[i] = PartitionLog.Open(id, Topic.PartitionFile(topic.Directory, id.Partition), topic.Settings, 0, _options.Fsync, _logger);
                }

                topic.AddPartitions(added);
            }

            return ErrorCodes.None;
        }
    }

    /// <summary>DeleteRecords semantics: moves the log start offset forward, durably.</summary>
    public short DeleteRecords(TopicPartition partition, long offset, out long lowWatermark)
    {
        lowWatermark = -1;
        lock (_adminLock)
        {
            if (GetPartition(partition) is not { } log)
            {
                return ErrorCodes.UnknownTopicOrPartition;
            }

            var error = log.DeleteRecordsBefore(offset, out lowWatermark);
            if (error == ErrorCodes.None)
            {
                _journal.WriteLogStartOffset(partition, lowWatermark);
            }

            return error;
        }
    }

    /// <summary>Writes every topic (and moved log start offsets) as journal records, for compaction.</summary>
    public void WriteSnapshot(Journal journal)
    {
        lock (_adminLock)
        {
            foreach (var topic in _topics.Values)
            {
                journal.WriteTopicCreated(topic.Record);
                foreach (var partition in topic.Partitions)
                {
                    if (partition.Offsets.LogStartOffset > 0)
                    {
                        journal.WriteLogStartOffset(partition.Id, partition.Offsets.LogStartOffset);
                    }
                }
            }
        }
    }

    public void Flush()
    {
        foreach (var topic in _topics.Values)
        {
            foreach (var partition in topic.Partitions)
            {
                partition.Flush();
            }
        }
    }

    public void Dispose()
    {
        foreach (var topic in _topics.Values)
        {
            foreach (var partition in topic.Partitions)
            {
                partition.Dispose();
            }
        }
    }

    private Topic CreateLocked(TopicRecord record)
    {
        var directory = DirectoryFor(record);
        System.IO.Directory.CreateDirectory(directory);
        var settings = TopicConfigs.ToSettings(record.Configs);
        var partitions = new PartitionLog[record.Partitions];
        for (var p = 0; p < partitions.Length; p++)
        {
            partitions[p] = PartitionLog.Open(new TopicPartition(record.Name, p), Topic.PartitionFile(directory, p), settings, 0, _options.Fsync, _logger);
        }

        _journal.WriteTopicCreated(record);
        var topic = new Topic(record, directory, partitions);
        _topics[record.Name] = topic;
        BrokerLog.LogTopicCreated(_logger, record.Name, record.Partitions);
        return topic;
    }

    private string DirectoryFor(TopicRecord record) => Path.Combine(_logsDirectory, $"{record.Name}.{record.Id:N}");
}
