namespace OrleansStreams.DevBroker.Groups;

/// <summary>A member as DescribeGroups shows it.</summary>
internal sealed record MemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string ClientHost, byte[] Metadata, byte[] Assignment);

/// <summary>A group as DescribeGroups shows it ("Dead" with no members for an unknown group).</summary>
internal sealed record GroupDescription(string GroupId, string State, string ProtocolType, string ProtocolData, IReadOnlyList<MemberDescription> Members);

/// <summary>One partition's answer in OffsetFetch.</summary>
internal sealed record FetchedOffset(int Partition, long Offset, int LeaderEpoch, string? Metadata, short ErrorCode);
