using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Groups;

/// <summary>OffsetCommit, OffsetFetch and the transactional offsets of TxnOffsetCommit/EndTxn.</summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>Kafka's offset.metadata.max.bytes.</summary>
    public const int MaxMetadataLength = 4096;

    /// <summary>OffsetCommit: sets the error of every entry (0 when stored).</summary>
    public void CommitOffsets(string groupId, int generationId, string memberId, string? groupInstanceId, IReadOnlyList<OffsetCommitEntry> entries)
    {
        if (groupId.Length == 0)
        {
            SetAll(entries, ErrorCodes.InvalidGroupId);
            return;
        }

        if (!_groups.TryGetValue(groupId, out var group))
        {
            if (generationId >= 0)
            {
                SetAll(entries, ErrorCodes.IllegalGeneration);
                return;
            }

            group = GetOrCreate(groupId);
        }

        var now = NowMs;
        lock (group.Lock)
        {
            var error = group.ValidateOffsetCommit(generationId, memberId, groupInstanceId, transactional: false, now);
            foreach (var entry in entries)
            {
                entry.ErrorCode = error != ErrorCodes.None ? error : Validate(entry);
                if (entry.ErrorCode == ErrorCodes.None)
                {
                    var offset = new CommittedOffset(entry.Offset, entry.LeaderEpoch, entry.Metadata, now);
                    _journal.WriteOffsetCommitted(groupId, entry.Partition, offset);
                    group.Offsets[entry.Partition] = offset;
                }
            }
        }
    }

    /// <summary>
    /// TxnOffsetCommit (after the transaction coordinator accepted it): stores the offsets as pending for
    /// the producer. Membership is only checked when the request names a generation or member (v3).
    /// </summary>
    public void StorePendingOffsets(string groupId, long producerId, int generationId, string memberId, string? groupInstanceId, IReadOnlyList<OffsetCommitEntry> entries)
    {
        var group = GetOrCreate(groupId);
        var now = NowMs;
        lock (group.Lock)
        {
            var error = group.ValidateOffsetCommit(generationId, memberId, groupInstanceId, transactional: true, now);
            foreach (var entry in entries)
            {
                entry.ErrorCode = error != ErrorCodes.None ? error : Validate(entry);
                if (entry.ErrorCode != ErrorCodes.None)
                {
                    continue;
                }

                var offset = new CommittedOffset(entry.Offset, entry.LeaderEpoch, entry.Metadata, now);
                _journal.WriteTxnOffsetPending(groupId, producerId, entry.Partition, offset);
                if (!group.PendingTxnOffsets.TryGetValue(producerId, out var pending))
                {
                    pending = [];
                    group.PendingTxnOffsets[producerId] = pending;
                }

                pending[entry.Partition] = offset;
            }
        }
    }

    /// <summary>Makes a transaction's pending offsets committed (COMMIT) or drops them (ABORT).</summary>
    public void CompleteTransaction(string groupId, long producerId, bool commit)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return;
        }

        lock (group.Lock)
        {
            if (!group.PendingTxnOffsets.Remove(producerId, out var pending))
            {
                return;
            }

            _journal.WriteTxnOffsetsCompleted(groupId, producerId, commit);
            if (commit)
            {
                foreach (var (partition, offset) in pending)
                {
                    group.Offsets[partition] = offset;
                }
            }
        }
    }

    /// <summary>
    /// OffsetFetch: committed offsets of the requested partitions (all committed ones when
    /// <paramref name="topics"/> is null); -1 and "" where nothing is committed. With
    /// <paramref name="requireStable"/>, partitions with pending transactional offsets answer 88.
    /// </summary>
    public List<(string Topic, List<FetchedOffset> Partitions)> FetchOffsets(string groupId, IReadOnlyList<(string Topic, int[] Partitions)>? topics, bool requireStable)
    {
        var result = new List<(string, List<FetchedOffset>)>();
        _groups.TryGetValue(groupId, out var group);
        if (group is null)
        {
            foreach (var (topic, partitions) in topics ?? [])
            {
                result.Add((topic, [.. partitions.Select(p => new FetchedOffset(p, -1, -1, "", ErrorCodes.None))]));
            }

            return result;
        }

        lock (group.Lock)
        {
            topics ??= [.. group.Offsets.Keys.GroupBy(p => p.Topic).Select(g => (g.Key, g.Select(p => p.Partition).Order().ToArray()))];
            foreach (var (topic, partitions) in topics)
            {
                var answers = new List<FetchedOffset>(partitions.Length);
                foreach (var p in partitions)
                {
                    var key = new TopicPartition(topic, p);
                    if (requireStable && group.PendingTxnOffsets.Values.Any(pending => pending.ContainsKey(key)))
                    {
                        answers.Add(new FetchedOffset(p, -1, -1, "", ErrorCodes.UnstableOffsetCommit));
                    }
                    else if (group.Offsets.TryGetValue(key, out var committed))
                    {
                        answers.Add(new FetchedOffset(p, committed.Offset, committed.LeaderEpoch, committed.Metadata ?? "", ErrorCodes.None));
                    }
                    else
                    {
                        answers.Add(new FetchedOffset(p, -1, -1, "", ErrorCodes.None));
                    }
                }

                result.Add((topic, answers));
            }
        }

        return result;
    }

    /// <summary>Writes every committed and pending offset as journal records, for compaction.</summary>
    public void WriteSnapshot(Journal journal)
    {
        foreach (var group in _groups.Values)
        {
            lock (group.Lock)
            {
                foreach (var (partition, offset) in group.Offsets)
                {
                    journal.WriteOffsetCommitted(group.GroupId, partition, offset);
                }

                foreach (var (producerId, pending) in group.PendingTxnOffsets)
                {
                    foreach (var (partition, offset) in pending)
                    {
                        journal.WriteTxnOffsetPending(group.GroupId, producerId, partition, offset);
                    }
                }
            }
        }
    }

    private short Validate(OffsetCommitEntry entry)
    {
        if (_topics.GetPartition(entry.Partition) is null)
        {
            return ErrorCodes.UnknownTopicOrPartition;
        }

        return entry.Metadata is { Length: > MaxMetadataLength } ? ErrorCodes.OffsetMetadataTooLarge : ErrorCodes.None;
    }

    private static void SetAll(IReadOnlyList<OffsetCommitEntry> entries, short error)
    {
        foreach (var entry in entries)
        {
            entry.ErrorCode = error;
        }
    }
}
