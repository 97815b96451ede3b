namespace OrleansStreams.DevBroker.Log;

/// <summary>The topic configs the log acts on (the rest are stored and described only).</summary>
internal sealed record TopicSettings(bool LogAppendTime, int MaxMessageBytes)
{
    public static TopicSettings Default { get; } = new(false, 1048588);
}
