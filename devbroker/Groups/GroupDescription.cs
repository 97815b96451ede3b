namespace OrleansStreams.DevBroker.Groups;

/// <summary>A group as DescribeGroups shows it ("Dead" with no members for an unknown group).</summary>
internal sealed record GroupDescription(string GroupId, string State, string ProtocolType, string ProtocolData, IReadOnlyList<MemberDescription> Members);
