using Microsoft.Extensions.Logging;
using OrleansStreams.Keys;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// Makes an epoch's outputs ready to commit: gives window-close results their causing offset, drops
/// what replayed records caused (committed before the generation began), enforces the epoch
/// invariant — every output was caused inside the epoch — and sorts by causing offset.
/// </summary>
internal static class EpochAttribution
{
    /// <summary>Attributes <paramref name="outputs"/> in place; throws when one was caused outside the epoch, and the epoch must not commit.</summary>
    /// <param name="plan">The epoch.</param>
    /// <param name="replayedBelow">The committed offset the generation began at.</param>
    /// <param name="outputs">The epoch's outputs: the agent's and the state's.</param>
    /// <param name="committer">The committer's id, for the log.</param>
    /// <param name="logger">Where attribution problems are reported.</param>
    public static void Attribute(EpochPlan plan, long replayedBelow, List<OutputRecord> outputs, string committer, ILogger logger)
    {
        var kept = 0;
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (output.CausingOffset < 0)
            {
                var offset = plan.Rises.FirstOffsetReaching(output.CloseTime);
                if (offset < 0)
                {
                    offset = plan.StartOffset;
                    CommitterLog.LateClose(logger, committer, plan.Epoch, output.CloseTime, offset);
                }

                output = output with { CausingOffset = offset };
            }

            if (output.CausingOffset < replayedBelow)
            {
                continue;
            }

            if (output.CausingOffset < plan.StartOffset || output.CausingOffset >= plan.EndOffset)
            {
                CommitterLog.OutputOutsideEpoch(logger, committer, plan.Epoch, output.CausingOffset, plan.StartOffset, plan.EndOffset);
                throw new InvalidOperationException($"output caused at {output.CausingOffset} is outside epoch {plan.Epoch} [{plan.StartOffset}, {plan.EndOffset})");
            }

            outputs[kept++] = output;
        }

        outputs.RemoveRange(kept, outputs.Count - kept);
        OutputOrder.SortByCausingOffset(outputs);
    }
}
