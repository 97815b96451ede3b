using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Ingress;

namespace OrleansStreams.Telemetry;

/// <summary>Reads the partition agents running on this silo for the metrics.</summary>
internal sealed class AgentProgress(PartitionOwnershipService ownership, TimeProvider time) : IPartitionProgress
{
    public IReadOnlyList<PartitionProgress> Read()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var agents = ownership.Agents;
        var progress = new PartitionProgress[agents.Count];
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            var c = agent.Counters;
            var committed = c.CommittedOffset;
            var high = c.HighWatermark;
            var lag = high >= 0 && committed >= 0 ? Math.Max(0, high - committed) : 0;
            progress[i] = new PartitionProgress(agent.Pipeline.Name, agent.Partition, c.RecordsIn, lag, c.Lag.Seconds(committed, high, now));
        }

        return progress;
    }
}
