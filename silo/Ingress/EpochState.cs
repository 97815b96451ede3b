using OrleansStreams.Grains.Committer;
using OrleansStreams.Keys;

namespace OrleansStreams.Ingress;

/// <summary>
/// The epoch bookkeeping of one generation: where the next epoch starts, the agent's own outputs
/// waiting for it, and building the plan from the dispatcher's dirty keys and the due index.
/// </summary>
internal sealed class EpochState(long committedEpoch, long startOffset, long dueVersionPersisted)
{
    private readonly List<OutputRecord> _agentOutputs = [];
    private long _duePersisted = dueVersionPersisted;

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
    public EpochPlan? TryPlan(long generation, long endOffset, StreamClock clock, KeyDispatcher dispatcher, DueIndex due)
    {
        if (StartOffset < 0 || endOffset < StartOffset)
        {
            return null;
        }

        var streamTime = clock.StreamTimeBefore(endOffset);
        var flush = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in dispatcher.Keys)
        {
            if (key.MinUnflushedOffset < endOffset)
            {
                flush.Add(key.Key);
            }
        }

        due.CollectDue(streamTime, flush);
        var outputs = _agentOutputs.Where(o => o.CausingOffset < endOffset).ToArray();
        if (endOffset == StartOffset && flush.Count == 0 && outputs.Length == 0)
        {
            return null;
        }

        string[] flushKeys = [.. flush];
        DueSnapshot? dueSnapshot = null;
        if (due.Version != _duePersisted)
        {
            var (keys, times) = due.Export();
            dueSnapshot = new DueSnapshot { Epoch = CommittedEpoch + 1, Keys = keys, DueTimes = times };
        }

        return new EpochPlan
        {
            Generation = generation,
            Epoch = CommittedEpoch + 1,
            StartOffset = StartOffset,
            EndOffset = endOffset,
            StreamTime = streamTime,
            FlushKeys = flushKeys,
            FlushLastAcknowledged = [.. flushKeys.Select(k => dispatcher.TryGet(k, out var state) ? state.LastAcknowledged : -1)],
            AgentOutputs = outputs,
            Rises = clock.Slice(StartOffset, endOffset),
            Due = dueSnapshot,
        };
    }

    /// <summary>Records a committed epoch and updates keys, due index and clock accordingly.</summary>
    public void Committed(EpochPlan plan, EpochOutcome outcome, long dueVersionAtPlan, StreamClock clock, KeyDispatcher dispatcher, DueIndex due)
    {
        CommittedEpoch = plan.Epoch;
        StartOffset = plan.EndOffset;
        if (plan.Due is not null)
        {
            _duePersisted = dueVersionAtPlan;
        }

        _agentOutputs.RemoveAll(o => o.CausingOffset < plan.EndOffset);
        clock.ForgetBelow(plan.EndOffset);
        for (var i = 0; i < outcome.FlushedKeys.Length; i++)
        {
            var key = outcome.FlushedKeys[i];
            var nextDue = outcome.NextDueTimes[i];
            if (dispatcher.TryGet(key, out var state))
            {
                var appliedBeyond = state.LastAcknowledged >= plan.EndOffset;
                state.MinUnflushedOffset = appliedBeyond ? plan.EndOffset : long.MaxValue;
                if (appliedBeyond)
                {
                    // Records at or beyond the epoch end are applied already and their outputs wait for the next flush.
                    // Those applies may have run after the flush, making its due time stale: keep the earlier one, since
                    // an early due costs one extra flush while a late one would leave a window open forever.
                    nextDue = Math.Min(nextDue, due.Get(key));
                }
            }

            due.Set(key, nextDue);
        }
    }
}
