using Orleans.Concurrency;
using OrleansStreams.Queries;

namespace OrleansStreams.Grains.State;

/// <summary>
/// The window state of one input partition of a windowed pipeline, id <c>"&lt;pipeline&gt;/&lt;partition&gt;"</c>:
/// every key of the partition in one grain, so an epoch costs one call and one batched storage write
/// however many keys it touched. The partition's committer begins it at each generation (it loads
/// the committed checkpoint), the partition agent applies records to it in offset order, and the
/// committer flushes it at every epoch end. Every call carries the generation; calls of another
/// generation than the one begun are refused, so a zombie agent or a reactivated grain can never
/// apply or emit anything. Queries (<see cref="IPartitionQueryGrain"/>) read the same activation.
/// </summary>
internal interface IPartitionStateGrain : IPartitionQueryGrain
{
    /// <summary>Drops everything in memory and loads the partition's checkpointed keys for the generation.</summary>
    /// <returns>The number of keys loaded.</returns>
    [ResponseTimeout("00:10:00")]
    Task<int> Begin(StateBegin begin);

    /// <summary>Applies a batch of the partition's records, in offset order.</summary>
    ValueTask<StateCallStatus> Apply(StateBatch batch);

    /// <summary>Ends an epoch; see <see cref="StateFlush"/>.</summary>
    [ResponseTimeout("00:10:00")]
    ValueTask<StateFlushResult> Flush(StateFlush request);

    /// <summary>Drops keys that storage says belong to other partitions; their later records are dead-lettered.</summary>
    Task Disown(long generation, KeyValuePair<string, int>[] keys);

    /// <summary>The epoch ending at <paramref name="endOffset"/> committed: committed reads now include it.</summary>
    [OneWay]
    Task Committed(long generation, long epoch, long endOffset, long streamTime);

    /// <summary>
    /// The generation's replay is complete: every record below <paramref name="offset"/> (at least the
    /// committed offset) has been applied or dead-lettered by the agent, so committed reads may answer —
    /// also when the last committed records never reached this grain (dead-lettered before it) and no
    /// new record or epoch follows.
    /// </summary>
    [OneWay]
    Task ReplayedTo(long generation, long offset);

    /// <summary>The generation's agent stopped: deactivate, so the next generation starts where its agent runs.</summary>
    Task Release(long generation);
}
