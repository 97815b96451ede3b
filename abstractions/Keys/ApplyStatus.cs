namespace OrleansStreams.Keys;

/// <summary>What a key grain did with a batch.</summary>
public enum ApplyStatus
{
    /// <summary>Every record was applied, or skipped because the grain had applied it before.</summary>
    Applied,

    /// <summary>The batch came from an older generation than the grain has seen; nothing was applied.</summary>
    StaleGeneration,

    /// <summary>The grain's key belongs to another partition; nothing was applied (a keying error upstream).</summary>
    WrongPartition,

    /// <summary>The grain no longer has state it acknowledged earlier in this generation (it was reactivated); nothing was applied.</summary>
    StateLost,
}
