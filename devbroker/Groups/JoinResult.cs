namespace OrleansStreams.DevBroker.Groups;

/// <summary>The JoinGroup answer for one member.</summary>
internal sealed record JoinResult(short ErrorCode, int GenerationId, string ProtocolName, string LeaderId, string MemberId, IReadOnlyList<JoinedMember> Members)
{
    public static JoinResult Error(short errorCode, string memberId = "") => new(errorCode, -1, "", "", memberId, []);
}
