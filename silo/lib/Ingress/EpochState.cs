using OrleansStreams.Grains.Committer;
using OrleansStreams.Keys;

namespace OrleansStreams.Ingress;

/// <summary>
/// The epoch bookkeeping of one generation: where the next epoch starts, and the agent's own
/// outputs (dead letters) waiting for it.
/// </summary>
internal sealed class EpochState(long committedEpoch, long startOffset)
{
    private readonly List<OutputRecord> _agentOutputs = [];

    public long CommittedEpoch { get; private set; } = committedEpoch;

    /// <summary>s(E-1): where the next epoch starts, or -1 before the first record when the start was unknown.</summary>
    public long StartOffset { get; private set; } = startOffset;

    public int AgentOutputCount => _agentOutputs.Count;

    public void AddAgentOutput(in OutputRecord output) => _agentOutputs.Add(output);

    public void SetStartIfUnknown(long offset)
    {
        if (StartOffset < 0)
        {
            StartOffset = offset;
        }
    }

    /// <summary>Builds the plan of the next epoch ending at <paramref name="endOffset"/>, or null when there is nothing to commit.</summary>
    public EpochPlan? TryPlan(long generation, long endOffset, StreamClock clock, IRecordRouter router, bool checkpoint, out FlushTargets targets)
    {
        targets = FlushTargets.None;
        if (StartOffset < 0 || endOffset < StartOffset)
        {
            return null;
        }

        var streamTime = clock.StreamTimeBefore(endOffset);
        targets = router.Targets(endOffset, streamTime, CommittedEpoch + 1);
        var outputs = _agentOutputs.Where(o => o.CausingOffset < endOffset).ToArray();
        if (endOffset == StartOffset && targets.Keys.Length == 0 && outputs.Length == 0)
        {
            return null;
        }

        return new EpochPlan
        {
            Generation = generation,
            Epoch = CommittedEpoch + 1,
            StartOffset = StartOffset,
            EndOffset = endOffset,
            StreamTime = streamTime,
            FlushKeys = targets.Keys,
            FlushLastAcknowledged = targets.LastAcknowledged,
            AgentOutputs = outputs,

            // Everything the clock still holds: after a recovery that includes the replayed records below StartOffset,
            // so a window that closed there resolves to its original causing offset (and is recognised as committed).
            Rises = clock.Slice(long.MinValue, endOffset),
            Due = targets.Due,
            Checkpoint = checkpoint,
        };
    }

    /// <summary>Records a committed epoch.</summary>
    public void Committed(EpochPlan plan, StreamClock clock)
    {
        CommittedEpoch = plan.Epoch;
        StartOffset = plan.EndOffset;
        _agentOutputs.RemoveAll(o => o.CausingOffset < plan.EndOffset);
        clock.ForgetBelow(plan.EndOffset);
    }
}
