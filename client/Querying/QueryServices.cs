using Microsoft.Extensions.Logging;

namespace OrleansStreams.Client.Querying;

/// <summary>What every query of one client shares: the cluster calls, the clock, and what earlier queries learned.</summary>
internal sealed record QueryServices(
    IQueryTransport Transport,
    TimeProvider Time,
    ILogger Logger,
    PartitionCounts PartitionCounts,
    KeyPartitionCache KeyPartitions,
    PositionFloors Floors);
