using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Ingress;

namespace OrleansStreams.Queries;

/// <summary>
/// Reports every partition this silo runs to its pipeline's status grain once per interval (one-way
/// calls), so clients can see owner, generation, committed position and lag of every partition.
/// </summary>
internal sealed class PartitionStatusReporter(
    PartitionOwnershipService ownership,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<PartitionStatusReporter> logger) : BackgroundService
{
    /// <summary>How often each partition reports.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var failures = new ErrorLogThrottle(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var agent in ownership.Agents)
                {
                    try
                    {
                        await grains.GetGrain<IPipelineStatusGrain>(agent.Pipeline.Name).Report(Status(agent));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        if (failures.ShouldLog(e.GetType().Name, out var suppressed))
                        {
                            QueryLog.StatusReportFailed(logger, agent.Pipeline.Name, agent.Partition, e.Message, suppressed);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private PartitionStatus Status(PartitionAgent agent)
    {
        var c = agent.Counters;
        var now = time.GetUtcNow();
        var (committed, high) = (c.CommittedOffset, c.HighWatermark);
        return new PartitionStatus(
            agent.Partition,
            ownership.PartitionCount(agent.Pipeline.Name),
            silo.SiloAddress.ToParsableString(),
            c.Generation,
            c.CommittedEpoch,
            committed,
            high,
            high >= 0 && committed >= 0 ? Math.Max(0, high - committed) : 0,
            c.Lag.Seconds(committed, high, now.ToUnixTimeMilliseconds()),
            c.CommittedStreamTime,
            c.LastCommit,
            now);
    }
}
