using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Groups;

/// <summary>A member as the leader sees it in the JoinGroup response.</summary>
internal sealed record JoinedMember(string MemberId, string? GroupInstanceId, byte[] Metadata);

/// <summary>The JoinGroup answer for one member.</summary>
internal sealed record JoinResult(short ErrorCode, int GenerationId, string ProtocolName, string LeaderId, string MemberId, IReadOnlyList<JoinedMember> Members)
{
    public static JoinResult Error(short errorCode, string memberId = "") => new(errorCode, -1, "", "", memberId, []);
}

/// <summary>The SyncGroup answer for one member.</summary>
internal sealed record SyncResult(short ErrorCode, byte[] Assignment)
{
    public static SyncResult Error(short errorCode) => new(errorCode, []);
}

/// <summary>States of a classic group, named as DescribeGroups shows them.</summary>
internal enum GroupState
{
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
}

/// <summary>Parameters of a JoinGroup request.</summary>
internal sealed record JoinRequest(
    string GroupId,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    string MemberId,
    string? GroupInstanceId,
    string ProtocolType,
    IReadOnlyList<GroupProtocol> Protocols,
    string ClientId,
    string ClientHost,
    bool RequireKnownMemberId);

/// <summary>An offset commit of one partition, with the error to report for it.</summary>
internal sealed record OffsetCommitEntry(TopicPartition Partition, long Offset, int LeaderEpoch, string? Metadata)
{
    public short ErrorCode { get; set; }
}
