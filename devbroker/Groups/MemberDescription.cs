namespace OrleansStreams.DevBroker.Groups;

/// <summary>A member as DescribeGroups shows it.</summary>
internal sealed record MemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string ClientHost, byte[] Metadata, byte[] Assignment);
