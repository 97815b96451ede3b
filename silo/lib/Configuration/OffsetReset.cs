namespace OrleansStreams.Configuration;

/// <summary>Where a partition starts when its group has no committed offset.</summary>
public enum OffsetReset
{
    /// <summary>The oldest record still in the partition.</summary>
    Earliest,

    /// <summary>Only records produced after the partition is first assigned.</summary>
    Latest,
}
