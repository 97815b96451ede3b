namespace OrleansStreams.DevBroker.Groups;

/// <summary>A member of a classic consumer group as the coordinator tracks it.</summary>
internal sealed class GroupMember(string memberId, string? groupInstanceId, string clientId, string clientHost)
{
    public string MemberId { get; } = memberId;

    public string? GroupInstanceId { get; } = groupInstanceId;

    public string ClientId { get; } = clientId;

    public string ClientHost { get; } = clientHost;

    public int SessionTimeoutMs { get; set; }

    public int RebalanceTimeoutMs { get; set; }

    public string ProtocolType { get; set; } = "";

    public IReadOnlyList<GroupProtocol> Protocols { get; set; } = [];

    public byte[] Assignment { get; set; } = [];

    public long LastHeartbeatMs { get; set; }

    /// <summary>Its JoinGroup, parked until the join phase completes.</summary>
    public TaskCompletionSource<JoinResult>? AwaitingJoin { get; set; }

    /// <summary>Its SyncGroup, parked until the leader's assignment arrives.</summary>
    public TaskCompletionSource<SyncResult>? AwaitingSync { get; set; }

    public byte[] MetadataFor(string protocol) => Protocols.FirstOrDefault(p => p.Name == protocol)?.Metadata ?? [];

    public bool HasSameProtocols(IReadOnlyList<GroupProtocol> protocols) =>
        protocols.Count == Protocols.Count
        && protocols.Zip(Protocols).All(pair => pair.First.Name == pair.Second.Name && pair.First.Metadata.AsSpan().SequenceEqual(pair.Second.Metadata));

    public void CompleteJoin(JoinResult result)
    {
        AwaitingJoin?.TrySetResult(result);
        AwaitingJoin = null;
    }

    public void CompleteSync(SyncResult result)
    {
        AwaitingSync?.TrySetResult(result);
        AwaitingSync = null;
    }
}
