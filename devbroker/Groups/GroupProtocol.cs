namespace OrleansStreams.DevBroker.Groups;

/// <summary>A protocol (assignor) a member supports, with its opaque subscription metadata.</summary>
internal sealed record GroupProtocol(string Name, byte[] Metadata);
