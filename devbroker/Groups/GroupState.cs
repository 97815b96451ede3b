namespace OrleansStreams.DevBroker.Groups;

/// <summary>States of a classic group, named as DescribeGroups shows them.</summary>
internal enum GroupState
{
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
}
