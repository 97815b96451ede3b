using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Ingress;

namespace OrleansStreams.Hosting;

/// <summary>
/// Prints one short line every interval: records in, windows closed (results out), late and
/// dead-lettered records, and lag over the partitions this silo owns. On by default for the
/// embedded default; clusters watch the metrics instead.
/// </summary>
internal sealed class ProgressReporter(PartitionOwnershipService ownership, TimeSpan interval, TimeProvider time, ILogger<ProgressReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long lastIn = 0;
        var lastAt = time.GetTimestamp();
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var agents = ownership.Agents;
                long recordsIn = 0, results = 0, late = 0, dead = 0, lag = 0;
                foreach (var agent in agents)
                {
                    var c = agent.Counters;
                    recordsIn += c.RecordsIn;
                    results += c.Results;
                    late += c.Late;
                    dead += c.DeadLettered;
                    lag += c.HighWatermark >= 0 && c.CommittedOffset >= 0 ? Math.Max(0, c.HighWatermark - c.CommittedOffset) : 0;
                }

                var rate = (recordsIn - lastIn) / time.GetElapsedTime(lastAt).TotalSeconds;
                lastIn = recordsIn;
                lastAt = time.GetTimestamp();
                HostingLog.Progress(logger, agents.Count, recordsIn, rate, results, late, dead, lag);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
