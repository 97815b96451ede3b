using OrleansStreams.Grains.Committer;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>
/// How a generation's records reach the grains that apply them: one grain per key
/// (<see cref="KeyGrainRouter"/>, for pipelines with their own key grain) or one state grain per
/// partition (<see cref="PartitionStateRouter"/>, for windowed pipelines). Only the agent loop calls
/// it; finished calls are queued and announced through the signal the router was made with.
/// </summary>
internal interface IRecordRouter
{
    /// <summary>Queues a keyed record; <paramref name="sequence"/> is its number in the safe-offset tracker.</summary>
    void Enqueue(string key, long sequence, in StreamRecord record);

    /// <summary>
    /// Whether a call is in flight that an epoch's end must not split. True only for routers whose
    /// grain tags state by epoch (<see cref="PartitionStateRouter"/>): the agent then holds dispatch
    /// when an epoch is due and plans it once the router is idle, so every call's records fall in one epoch.
    /// </summary>
    bool Busy { get; }

    /// <summary>Starts grain calls while the router's limits allow; the records belong to <paramref name="openEpoch"/>.</summary>
    void Dispatch(long committedEpoch, long openEpoch);

    /// <summary>
    /// Handles the calls that finished: marks their records handled in <paramref name="tracker"/> and
    /// passes dead letters it made to <paramref name="deadLetter"/>.
    /// </summary>
    /// <exception cref="GenerationFailedException">A grain failed or refused the generation.</exception>
    void TakeCompletions(SafeOffsetTracker tracker, Action<OutputRecord> deadLetter);

    /// <summary>What the epoch ending at <paramref name="endOffset"/> must flush besides the partition state.</summary>
    FlushTargets Targets(long endOffset, long streamTime, long epoch);

    /// <summary>The epoch planned with <paramref name="targets"/> committed with <paramref name="outcome"/>.</summary>
    void Committed(EpochPlan plan, FlushTargets targets, EpochOutcome outcome);

    /// <summary>Every record below <paramref name="offset"/>, the generation's committed offset or beyond, is handled: the replay is complete.</summary>
    void ReplayedTo(long offset);
}
