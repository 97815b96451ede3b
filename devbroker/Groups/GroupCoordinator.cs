using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Groups;

/// <summary>
/// The group coordinator: finds or creates groups, runs their membership protocol under a lock per
/// group, expires sessions and rebalance phases on a timer, and keeps offsets (in the journal).
/// Offset operations live in GroupCoordinator.Offsets.cs.
/// </summary>
internal sealed partial class GroupCoordinator : IDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly Journal _journal;
    private readonly TopicRegistry _topics;
    private readonly TimeProvider _time;
    private readonly DevBrokerOptions _options;
    private readonly ILogger _logger;
    private ITimer? _timer;

    public GroupCoordinator(Journal journal, TopicRegistry topics, TimeProvider time, DevBrokerOptions options, ILogger logger)
    {
        _journal = journal;
        _topics = topics;
        _time = time;
        _options = options;
        _logger = logger;
        topics.TopicDeleted += OnTopicDeleted;
    }

    public int GroupCount => _groups.Count;

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Restore(RecoveredState state)
    {
        foreach (var (groupId, offsets) in state.Offsets)
        {
            var group = GetOrCreate(groupId);
            foreach (var (partition, offset) in offsets)
            {
                group.Offsets[partition] = offset;
            }
        }

        foreach (var (groupId, byProducer) in state.PendingOffsets)
        {
            var group = GetOrCreate(groupId);
            foreach (var (producerId, offsets) in byProducer)
            {
                group.PendingTxnOffsets[producerId] = new Dictionary<TopicPartition, CommittedOffset>(offsets);
            }
        }
    }

    public void Start() => _timer = _time.CreateTimer(_ => Tick(), null, TickInterval, TickInterval);

    public Task<JoinResult> JoinAsync(JoinRequest request)
    {
        if (request.GroupId.Length == 0)
        {
            return Task.FromResult(JoinResult.Error(ErrorCodes.InvalidGroupId, request.MemberId));
        }

        if (request.SessionTimeoutMs <= 0 || request.SessionTimeoutMs > _options.GroupMaxSessionTimeout.TotalMilliseconds)
        {
            return Task.FromResult(JoinResult.Error(ErrorCodes.InvalidSessionTimeout, request.MemberId));
        }

        ConsumerGroup? group;
        if (request.MemberId.Length == 0)
        {
            group = GetOrCreate(request.GroupId);
        }
        else if (!_groups.TryGetValue(request.GroupId, out group))
        {
            return Task.FromResult(JoinResult.Error(ErrorCodes.UnknownMemberId, request.MemberId));
        }

        lock (group.Lock)
        {
            return group.Join(request, NowMs);
        }
    }

    public Task<SyncResult> SyncAsync(string groupId, int generationId, string memberId, IReadOnlyDictionary<string, byte[]> assignments)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return Task.FromResult(SyncResult.Error(ErrorCodes.UnknownMemberId));
        }

        lock (group.Lock)
        {
            return group.Sync(memberId, generationId, assignments, NowMs);
        }
    }

    public short Heartbeat(string groupId, string memberId, int generationId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return ErrorCodes.UnknownMemberId;
        }

        lock (group.Lock)
        {
            return group.Heartbeat(memberId, generationId, NowMs);
        }
    }

    public short Leave(string groupId, string memberId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return ErrorCodes.UnknownMemberId;
        }

        lock (group.Lock)
        {
            return group.Leave(memberId, NowMs);
        }
    }

    public GroupDescription Describe(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return new GroupDescription(groupId, nameof(GroupState.Dead), "", "", []);
        }

        lock (group.Lock)
        {
            var stable = group.State == GroupState.Stable;
            var members = group.Members
                .Select(m => new MemberDescription(m.MemberId, m.GroupInstanceId, m.ClientId, m.ClientHost,
                    stable ? m.MetadataFor(group.ProtocolName ?? "") : [], stable ? m.Assignment : []))
                .ToList();
            return new GroupDescription(groupId, group.State.ToString(), group.ProtocolType ?? "", stable ? group.ProtocolName ?? "" : "", members);
        }
    }

    public IReadOnlyList<(string GroupId, string ProtocolType)> List() =>
        [.. _groups.Values.Select(g =>
        {
            lock (g.Lock)
            {
                return (g.GroupId, g.ProtocolType ?? "");
            }
        })];

    /// <summary>DeleteGroups: only groups without members; their offsets go too.</summary>
    public short Delete(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return ErrorCodes.GroupIdNotFound;
        }

        lock (group.Lock)
        {
            if (group.State != GroupState.Empty)
            {
                return group.State == GroupState.Dead ? ErrorCodes.GroupIdNotFound : ErrorCodes.NonEmptyGroup;
            }

            _journal.WriteGroupDeleted(groupId);
            group.MarkDead();
            _groups.TryRemove(groupId, out _);
            return ErrorCodes.None;
        }
    }

    /// <summary>Stops the timer and waits for a running tick to finish.</summary>
    public async ValueTask StopAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }

    public void Dispose() => _timer?.Dispose();

    private ConsumerGroup GetOrCreate(string groupId) =>
        _groups.GetOrAdd(groupId, id => new ConsumerGroup(id, (long)_options.GroupInitialRebalanceDelay.TotalMilliseconds, _logger));

    private void Tick()
    {
        try
        {
            var now = NowMs;
            foreach (var group in _groups.Values)
            {
                lock (group.Lock)
                {
                    group.Tick(now);
                }
            }
        }
        catch (Exception e)
        {
            BrokerLog.LogBackgroundTaskFailed(_logger, "group timers", e);
        }
    }

    private void OnTopicDeleted(string topic)
    {
        foreach (var group in _groups.Values)
        {
            lock (group.Lock)
            {
                foreach (var partition in group.Offsets.Keys.Where(p => p.Topic == topic).ToList())
                {
                    group.Offsets.Remove(partition);
                }
            }
        }
    }
}
