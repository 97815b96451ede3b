namespace OrleansStreams.Queries;

/// <summary>Which contributions a window state query sees.</summary>
public enum QueryConsistency
{
    /// <summary>
    /// Only records of epochs whose Kafka transaction committed: what a <c>read_committed</c> reader
    /// of the output topic could know. A window is final once the committed stream time closed it.
    /// </summary>
    Committed,

    /// <summary>Also records applied to state whose epoch has not committed yet; newer, but may be rolled back by a crash.</summary>
    Latest,
}
