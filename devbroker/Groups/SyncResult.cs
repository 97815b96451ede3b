namespace OrleansStreams.DevBroker.Groups;

/// <summary>The SyncGroup answer for one member.</summary>
internal sealed record SyncResult(short ErrorCode, byte[] Assignment)
{
    public static SyncResult Error(short errorCode) => new(errorCode, []);
}
