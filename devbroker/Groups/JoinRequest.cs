namespace OrleansStreams.DevBroker.Groups;

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
