using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Groups;

/// <summary>SyncGroup, Heartbeat, LeaveGroup, session and rebalance timeouts, offset-commit membership checks.</summary>
internal sealed partial class ConsumerGroup
{
    public Task<SyncResult> Sync(string memberId, int generationId, IReadOnlyDictionary<string, byte[]> assignments, long nowMs)
    {
        if (State == GroupState.Dead)
        {
            return Done(SyncResult.Error(ErrorCodes.CoordinatorNotAvailable));
        }

        if (!_members.TryGetValue(memberId, out var member))
        {
            return Done(SyncResult.Error(ErrorCodes.UnknownMemberId));
        }

        if (generationId != GenerationId)
        {
            return Done(SyncResult.Error(ErrorCodes.IllegalGeneration));
        }

        switch (State)
        {
            case GroupState.PreparingRebalance:
                return Done(SyncResult.Error(ErrorCodes.RebalanceInProgress));
            case GroupState.Stable:
                member.LastHeartbeatMs = nowMs;
                return Done(new SyncResult(ErrorCodes.None, member.Assignment));
            case GroupState.CompletingRebalance:
                member.LastHeartbeatMs = nowMs;
                member.CompleteSync(SyncResult.Error(ErrorCodes.RebalanceInProgress));
                var parked = new TaskCompletionSource<SyncResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                member.AwaitingSync = parked;
                if (memberId == LeaderId)
                {
                    foreach (var m in _members.Values)
                    {
                        m.Assignment = assignments.GetValueOrDefault(m.MemberId) ?? [];
                    }

                    State = GroupState.Stable;
                    foreach (var m in _members.Values)
                    {
                        m.CompleteSync(new SyncResult(ErrorCodes.None, m.Assignment));
                    }
                }

                return parked.Task;
            default:
                return Done(SyncResult.Error(ErrorCodes.UnknownMemberId));
        }
    }

    public short Heartbeat(string memberId, int generationId, long nowMs)
    {
        if (State == GroupState.Dead)
        {
            return ErrorCodes.CoordinatorNotAvailable;
        }

        if (State == GroupState.Empty || !_members.TryGetValue(memberId, out var member))
        {
            return ErrorCodes.UnknownMemberId;
        }

        if (generationId != GenerationId)
        {
            return ErrorCodes.IllegalGeneration;
        }

        member.LastHeartbeatMs = nowMs;
        return State == GroupState.PreparingRebalance ? ErrorCodes.RebalanceInProgress : ErrorCodes.None;
    }

    public short Leave(string memberId, long nowMs)
    {
        if (State == GroupState.Dead)
        {
            return ErrorCodes.CoordinatorNotAvailable;
        }

        if (_pendingMembers.Remove(memberId))
        {
            TryCompleteJoin(nowMs);
            return ErrorCodes.None;
        }

        if (!_members.TryGetValue(memberId, out var member))
        {
            return ErrorCodes.UnknownMemberId;
        }

        RemoveMember(member, "left the group", nowMs);
        return ErrorCodes.None;
    }

    /// <summary>
    /// The membership part of OffsetCommit/TxnOffsetCommit validation. Commits without a generation
    /// (-1, no member id) are "simple" commits: allowed while the group has no members, and always
    /// for transactional commits (offsets from a manually assigned consumer).
    /// </summary>
    public short ValidateOffsetCommit(int generationId, string memberId, string? groupInstanceId, bool transactional, long nowMs)
    {
        if (State == GroupState.Dead)
        {
            return ErrorCodes.CoordinatorNotAvailable;
        }

        if (generationId >= 0 || memberId.Length > 0 || groupInstanceId is not null)
        {
            if (!_members.TryGetValue(memberId, out var member))
            {
                return ErrorCodes.UnknownMemberId;
            }

            if (generationId != GenerationId)
            {
                return ErrorCodes.IllegalGeneration;
            }

            if (!transactional && State == GroupState.CompletingRebalance)
            {
                return ErrorCodes.RebalanceInProgress;
            }

            member.LastHeartbeatMs = nowMs;
            return ErrorCodes.None;
        }

        return !transactional && State != GroupState.Empty ? ErrorCodes.UnknownMemberId : ErrorCodes.None;
    }

    /// <summary>Expires pending members and silent members, ends join and sync phases that ran out of time.</summary>
    public void Tick(long nowMs)
    {
        foreach (var (pending, _) in _pendingMembers.Where(p => p.Value <= nowMs).ToList())
        {
            _pendingMembers.Remove(pending);
        }

        var expired = _members.Values
            .Where(m => m.AwaitingJoin is null && m.AwaitingSync is null && m.LastHeartbeatMs + m.SessionTimeoutMs <= nowMs)
            .ToList();
        foreach (var member in expired)
        {
            RemoveMember(member, "session timeout", nowMs);
        }

        TryCompleteJoin(nowMs);
        if (State == GroupState.CompletingRebalance && nowMs >= _syncDeadlineMs)
        {
            foreach (var member in _members.Values.Where(m => m.AwaitingSync is null).ToList())
            {
                RemoveMember(member, "no SyncGroup within the rebalance timeout", nowMs);
            }
        }
    }

    /// <summary>True when the group holds nothing worth keeping (no members, no offsets).</summary>
    public bool IsDisposable => State == GroupState.Empty && _members.Count == 0 && Offsets.Count == 0 && PendingTxnOffsets.Count == 0;

    private void RemoveMember(GroupMember member, string reason, long nowMs)
    {
        member.CompleteJoin(JoinResult.Error(ErrorCodes.UnknownMemberId, member.MemberId));
        member.CompleteSync(SyncResult.Error(ErrorCodes.UnknownMemberId));
        _members.Remove(member.MemberId);
        if (member.MemberId == LeaderId)
        {
            LeaderId = _members.Count > 0 ? _members.GetAt(0).Key : null;
        }

        BrokerLog.LogMemberRemoved(logger, GroupId, member.MemberId, reason);
        switch (State)
        {
            case GroupState.Stable or GroupState.CompletingRebalance:
                PrepareRebalance(nowMs);
                break;
            case GroupState.PreparingRebalance:
                TryCompleteJoin(nowMs);
                break;
        }
    }
}
