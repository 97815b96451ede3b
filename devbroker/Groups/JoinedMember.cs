namespace OrleansStreams.DevBroker.Groups;

/// <summary>A member as the leader sees it in the JoinGroup response.</summary>
internal sealed record JoinedMember(string MemberId, string? GroupInstanceId, byte[] Metadata);
