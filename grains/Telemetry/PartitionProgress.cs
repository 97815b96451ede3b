namespace OrleansStreams.Grains.Telemetry;

/// <summary>What a partition agent reports to the metrics when they are collected.</summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Partition">The input partition.</param>
/// <param name="RecordsIn">Records read from the partition since the agent started (replays included).</param>
/// <param name="LagRecords">High watermark minus the committed offset; 0 when unknown.</param>
/// <param name="LagSeconds">Age of the oldest record not yet committed, from its Kafka timestamp; 0 when caught up.</param>
internal readonly record struct PartitionProgress(string Pipeline, int Partition, long RecordsIn, long LagRecords, double LagSeconds);
