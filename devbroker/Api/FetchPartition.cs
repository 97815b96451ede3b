using OrleansStreams.DevBroker.Log;

namespace OrleansStreams.DevBroker.Api;

/// <summary>One partition of a Fetch request, with the plan made for it.</summary>
internal sealed class FetchPartition(string topic, int partition, int currentLeaderEpoch, long fetchOffset, int maxBytes)
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public int CurrentLeaderEpoch { get; } = currentLeaderEpoch;

    public long FetchOffset { get; } = fetchOffset;

    public int MaxBytes { get; } = maxBytes;

    public PartitionLog? Log { get; set; }

    public FetchPlan Plan { get; set; }

    public List<AbortedTxn>? Aborted { get; set; }
}
