using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Groups;

/// <summary>
/// One classic consumer group: the join/sync state machine (Empty, PreparingRebalance,
/// CompletingRebalance, Stable, Dead) with parked JoinGroup/SyncGroup answers, and the group's
/// committed and pending transactional offsets. Every member must be called with <see cref="Lock"/> held.
/// This file holds state and the join phase; ConsumerGroup.Members.cs the rest of the membership protocol.
/// </summary>
internal sealed partial class ConsumerGroup(string groupId, long initialRebalanceDelayMs, ILogger logger)
{
    private readonly OrderedDictionary<string, GroupMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pendingMembers = new(StringComparer.Ordinal);
    private long _joinDeadlineMs;
    private bool _initialJoin;
    private long _initialRemainingMs;
    private bool _newMemberAdded;
    private long _syncDeadlineMs;

    public Lock Lock { get; } = new();

    public string GroupId { get; } = groupId;

    public GroupState State { get; private set; } = GroupState.Empty;

    public int GenerationId { get; private set; }

    /// <summary>"consumer" for consumer groups; null for groups that only store offsets.</summary>
    public string? ProtocolType { get; private set; }

    public string? ProtocolName { get; private set; }

    public string? LeaderId { get; private set; }

    public IEnumerable<GroupMember> Members => _members.Values;

    public int MemberCount => _members.Count;

    public Dictionary<TopicPartition, CommittedOffset> Offsets { get; } = [];

    /// <summary>Transactional offsets by producer id, invisible until the transaction commits.</summary>
    public Dictionary<long, Dictionary<TopicPartition, CommittedOffset>> PendingTxnOffsets { get; } = [];

    public Task<JoinResult> Join(JoinRequest request, long nowMs)
    {
        if (State == GroupState.Dead)
        {
            return Done(JoinResult.Error(ErrorCodes.CoordinatorNotAvailable, request.MemberId));
        }

        if (!GroupProtocols.AreSupported(_members.Values, ProtocolType, request.ProtocolType, request.Protocols))
        {
            return Done(JoinResult.Error(ErrorCodes.InconsistentGroupProtocol, request.MemberId));
        }

        if (request.MemberId.Length == 0)
        {
            var memberId = $"{request.ClientId}-{Guid.NewGuid()}";
            if (request.RequireKnownMemberId && request.GroupInstanceId is null)
            {
                _pendingMembers[memberId] = nowMs + request.SessionTimeoutMs;
                return Done(JoinResult.Error(ErrorCodes.MemberIdRequired, memberId));
            }

            return AddMemberAndRebalance(memberId, request, nowMs);
        }

        if (_pendingMembers.Remove(request.MemberId))
        {
            return AddMemberAndRebalance(request.MemberId, request, nowMs);
        }

        if (!_members.TryGetValue(request.MemberId, out var member))
        {
            return Done(JoinResult.Error(ErrorCodes.UnknownMemberId, request.MemberId));
        }

        return State switch
        {
            GroupState.PreparingRebalance => UpdateMemberAndRebalance(member, request, nowMs),
            GroupState.CompletingRebalance when member.HasSameProtocols(request.Protocols) => Done(CurrentJoinResult(member, nowMs)),
            GroupState.Stable when member.MemberId != LeaderId && member.HasSameProtocols(request.Protocols) => Done(CurrentJoinResult(member, nowMs)),
            GroupState.CompletingRebalance or GroupState.Stable => UpdateMemberAndRebalance(member, request, nowMs),
            _ => Done(JoinResult.Error(ErrorCodes.UnknownMemberId, request.MemberId)),
        };
    }

    /// <summary>Deleted (DeleteGroups): every parked request learns the coordinator lost the group.</summary>
    public void MarkDead()
    {
        foreach (var member in _members.Values)
        {
            member.CompleteJoin(JoinResult.Error(ErrorCodes.CoordinatorNotAvailable, member.MemberId));
            member.CompleteSync(SyncResult.Error(ErrorCodes.CoordinatorNotAvailable));
        }

        _members.Clear();
        State = GroupState.Dead;
    }

    private Task<JoinResult> AddMemberAndRebalance(string memberId, JoinRequest request, long nowMs)
    {
        var member = new GroupMember(memberId, request.GroupInstanceId, request.ClientId, request.ClientHost);
        if (_members.Count == 0)
        {
            ProtocolType = request.ProtocolType;
        }

        _members.Add(memberId, member);
        return UpdateMemberAndRebalance(member, request, nowMs, added: true);
    }

    private Task<JoinResult> UpdateMemberAndRebalance(GroupMember member, JoinRequest request, long nowMs, bool added = false)
    {
        member.Protocols = request.Protocols;
        member.ProtocolType = request.ProtocolType;
        member.SessionTimeoutMs = request.SessionTimeoutMs;
        member.RebalanceTimeoutMs = request.RebalanceTimeoutMs;
        member.LastHeartbeatMs = nowMs;

        // A JoinGroup from a new connection replaces one the client gave up on.
        member.CompleteJoin(JoinResult.Error(ErrorCodes.RebalanceInProgress, member.MemberId));
        var parked = new TaskCompletionSource<JoinResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        member.AwaitingJoin = parked;
        if (State == GroupState.PreparingRebalance)
        {
            _newMemberAdded |= added;
            TryCompleteJoin(nowMs);
        }
        else
        {
            PrepareRebalance(nowMs);
        }

        return parked.Task;
    }

    private void PrepareRebalance(long nowMs)
    {
        if (State == GroupState.CompletingRebalance)
        {
            foreach (var member in _members.Values)
            {
                member.CompleteSync(SyncResult.Error(ErrorCodes.RebalanceInProgress));
            }
        }

        var rebalanceTimeout = _members.Count == 0 ? 0 : _members.Values.Max(m => m.RebalanceTimeoutMs);
        _initialJoin = State == GroupState.Empty;
        State = GroupState.PreparingRebalance;
        if (_initialJoin)
        {
            // Kafka's group.initial.rebalance.delay: let more members arrive before the first generation.
            _joinDeadlineMs = nowMs + initialRebalanceDelayMs;
            _initialRemainingMs = Math.Max(rebalanceTimeout - initialRebalanceDelayMs, 0);
            _newMemberAdded = false;
        }
        else
        {
            _joinDeadlineMs = nowMs + rebalanceTimeout;
        }

        TryCompleteJoin(nowMs);
    }

    private void TryCompleteJoin(long nowMs)
    {
        if (State != GroupState.PreparingRebalance)
        {
            return;
        }

        if (_initialJoin)
        {
            if (nowMs < _joinDeadlineMs)
            {
                return;
            }

            if (_newMemberAdded && _initialRemainingMs > 0)
            {
                _newMemberAdded = false;
                _joinDeadlineMs = nowMs + Math.Min(initialRebalanceDelayMs, _initialRemainingMs);
                _initialRemainingMs = Math.Max(_initialRemainingMs - initialRebalanceDelayMs, 0);
                return;
            }
        }
        else if (nowMs < _joinDeadlineMs && (_pendingMembers.Count > 0 || _members.Values.Any(m => m.AwaitingJoin is null)))
        {
            return;
        }

        CompleteJoin(nowMs);
    }

    private void CompleteJoin(long nowMs)
    {
        foreach (var late in _members.Values.Where(m => m.AwaitingJoin is null).ToList())
        {
            _members.Remove(late.MemberId);
            BrokerLog.LogMemberRemoved(logger, GroupId, late.MemberId, "did not rejoin within the rebalance timeout");
        }

        GenerationId++;
        if (_members.Count == 0)
        {
            State = GroupState.Empty;
            ProtocolName = null;
            LeaderId = null;
            return;
        }

        State = GroupState.CompletingRebalance;
        ProtocolName = GroupProtocols.Select(_members.Values);
        if (LeaderId is null || !_members.ContainsKey(LeaderId))
        {
            LeaderId = _members.GetAt(0).Key;
        }

        foreach (var member in _members.Values)
        {
            member.CompleteJoin(CurrentJoinResult(member, nowMs));
        }

        _syncDeadlineMs = nowMs + _members.Values.Max(m => m.RebalanceTimeoutMs);
        BrokerLog.LogGroupRebalanced(logger, GroupId, GenerationId, _members.Count, ProtocolName);
    }

    private JoinResult CurrentJoinResult(GroupMember member, long nowMs)
    {
        member.LastHeartbeatMs = nowMs;
        var protocol = ProtocolName ?? "";
        IReadOnlyList<JoinedMember> members = member.MemberId == LeaderId
            ? [.. _members.Values.Select(m => new JoinedMember(m.MemberId, m.GroupInstanceId, m.MetadataFor(protocol)))]
            : [];
        return new JoinResult(ErrorCodes.None, GenerationId, protocol, LeaderId ?? "", member.MemberId, members);
    }

    private static Task<T> Done<T>(T result) => Task.FromResult(result);
}
