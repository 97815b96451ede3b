namespace OrleansStreams.Queries;

/// <summary>Whether a partition could answer a query.</summary>
public enum PartitionQueryStatus
{
    /// <summary>The answer holds the partition's state at its position.</summary>
    Answered,

    /// <summary>The partition runs but is still replaying its input to rebuild state after a restart or a move; ask again shortly.</summary>
    NotYet,

    /// <summary>No silo runs the partition right now (not started yet, moving after a silo failure, or not a partition of the pipeline).</summary>
    NotRunning,
}
