namespace OrleansStreams.Grains.Telemetry;

/// <summary>Reads the progress of the partition agents running on this silo (implemented by the silo).</summary>
internal interface IPartitionProgress
{
    /// <summary>One entry per running agent.</summary>
    IReadOnlyList<PartitionProgress> Read();
}
