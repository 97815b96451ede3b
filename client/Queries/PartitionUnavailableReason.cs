namespace OrleansStreams.Client;

/// <summary>Why a partition could not answer a query.</summary>
public enum PartitionUnavailableReason
{
    /// <summary>No silo runs the partition right now (not started yet, or moving after a silo failure).</summary>
    NotRunning,

    /// <summary>The partition runs but is still replaying its input after a restart or a move.</summary>
    Replaying,

    /// <summary>The partition answered from a position below the one the query required.</summary>
    BelowPosition,

    /// <summary>The call to the partition failed or took too long (for example its silo died).</summary>
    Unreachable,
}
