using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Pipelines;

namespace OrleansStreams.Ingress;

/// <summary>
/// Runs the partition agents this silo owns. Every silo watches Orleans' cluster membership and
/// computes the same <see cref="PartitionAssignment"/> from the active silos; it starts the agents
/// of partitions assigned to it and stops the others. When a silo is declared dead, the survivors
/// see the new membership and take its partitions at once; a joining silo takes its share.
/// Overlap during a membership change is made harmless by generations and transactional fencing.
/// </summary>
internal sealed class PartitionOwnershipService(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    PipelineRegistry pipelines,
    TopicAdmin topics,
    KafkaSettings kafka,
    PartitionAgentFactory agents,
    ILogger<PartitionOwnershipService> logger) : BackgroundService
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(10);
    private readonly Dictionary<PartitionId, PartitionAgent> _running = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _partitionCounts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The agents running on this silo now.</summary>
    public IReadOnlyList<PartitionAgent> Agents
    {
        get
        {
            lock (_lock)
            {
                return [.. _running.Values];
            }
        }
    }

    /// <summary>The partition count of a pipeline's input topic when ownership was last computed, or 0 before.</summary>
    public int PartitionCount(string pipeline) => _partitionCounts.GetValueOrDefault(pipeline);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Reconcile(new HashSet<PartitionId>());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EnsureOutputTopics(stoppingToken);
        using var updates = new SemaphoreSlim(0);
        _ = WatchMembership(updates, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Reconcile(Desired());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                IngressLog.OwnershipFailed(logger, e);
            }

            try
            {
                await updates.WaitAsync(RefreshPeriod, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task WatchMembership(SemaphoreSlim updates, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                updates.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private HashSet<PartitionId> Desired()
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToParsableString()).ToList();
        var self = localSilo.SiloAddress.ToParsableString();
        if (!active.Contains(self))
        {
            return [];
        }

        var partitions = new List<PartitionId>();
        foreach (var pipeline in pipelines.All)
        {
            var count = topics.PartitionCount(pipeline.InputTopic, TimeSpan.FromSeconds(5));
            if (count < 0)
            {
                IngressLog.InputTopicMissing(logger, pipeline.Name, pipeline.InputTopic);
                continue;
            }

            _partitionCounts[pipeline.Name] = count;
            for (var p = 0; p < count; p++)
            {
                partitions.Add(new PartitionId(pipeline.Name, p));
            }
        }

        return [.. PartitionAssignment.Assign(active, partitions).Where(a => a.Value == self).Select(a => a.Key)];
    }

    private async Task Reconcile(HashSet<PartitionId> desired)
    {
        List<PartitionAgent> stopping;
        lock (_lock)
        {
            stopping = [.. _running.Where(r => !desired.Contains(r.Key)).Select(r => r.Value)];
            foreach (var agent in stopping)
            {
                _running.Remove(new PartitionId(agent.Pipeline.Name, agent.Partition));
            }
        }

        await Task.WhenAll(stopping.Select(a => a.DisposeAsync().AsTask()));
        var started = false;
        lock (_lock)
        {
            foreach (var id in desired.Where(d => !_running.ContainsKey(d)))
            {
                var agent = agents.Create(id);
                _running.Add(id, agent);
                agent.Start();
                started = true;
            }
        }

        if (started || stopping.Count > 0)
        {
            var owned = Agents.Select(a => $"{a.Pipeline.Name}/{a.Partition}").Order(StringComparer.Ordinal).ToList();
            IngressLog.OwnershipChanged(logger, owned.Count, string.Join(", ", owned));
        }
    }

    private async Task EnsureOutputTopics(CancellationToken stoppingToken)
    {
        if (!kafka.CreateTopics)
        {
            return;
        }

        foreach (var pipeline in pipelines.All)
        {
            var partitions = topics.PartitionCount(pipeline.InputTopic, TimeSpan.FromSeconds(10));
            foreach (var topic in new[] { pipeline.OutputTopic, pipeline.LateTopic, pipeline.DeadLetterTopic }.OfType<string>().Distinct())
            {
                stoppingToken.ThrowIfCancellationRequested();
                await topics.EnsureTopicAsync(topic, Math.Max(partitions, 1));
            }
        }
    }
}
