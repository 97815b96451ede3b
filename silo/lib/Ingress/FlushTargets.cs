using OrleansStreams.Grains.Committer;

namespace OrleansStreams.Ingress;

/// <summary>The key grains an epoch flushes, with what the agent knows of each, and the due index to persist.</summary>
/// <param name="Keys">The keys to flush.</param>
/// <param name="LastAcknowledged">For each key, the last offset its grain acknowledged in this generation, or -1.</param>
/// <param name="Due">The due index to persist with the epoch, or null when unchanged.</param>
/// <param name="DueVersion">The due index version the plan was made at.</param>
internal sealed record FlushTargets(string[] Keys, long[] LastAcknowledged, DueSnapshot? Due, long DueVersion)
{
    /// <summary>Nothing besides the partition state.</summary>
    public static FlushTargets None { get; } = new([], [], null, 0);
}
