using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The <see cref="IEpochState"/> of a pipeline with its own key grain: each key grain keeps its own
/// state; an epoch flushes every key grain of the plan (a bounded number at once) and persists the
/// partition's due index with the epoch, in two slots — the index of an epoch known to be committed,
/// and the one written with the epoch being committed, which a new generation keeps only when that
/// epoch did commit.
/// </summary>
internal sealed class KeyGrainEpochState(
    PipelineDefinition pipeline,
    int partition,
    IGrainFactory grains,
    IPersistentState<CommitterState> state,
    int flushConcurrency) : IEpochState
{
    public async Task<EpochStateStart> BeginAsync(long generation, long committedOffset, EpochMetadata committed)
    {
        await state.ReadStateAsync();
        var s = state.State;
        if (s.PendingDue is { } pending)
        {
            // A pending index at or below the committed epoch committed with it; one above never did.
            if (pending.Epoch <= committed.Epoch)
            {
                s.CommittedDue = pending;
            }

            s.PendingDue = null;
            await state.WriteStateAsync();
        }

        var due = s.CommittedDue is { } index && index.Epoch <= committed.Epoch ? index : DueSnapshot.Empty;
        return new EpochStateStart(committedOffset, committed.StreamTime, due);
    }

    public async Task<FlushedEpoch> FlushAsync(EpochPlan plan)
    {
        var nextDue = new long[plan.FlushKeys.Length];
        var results = new FlushResult[plan.FlushKeys.Length];
        using var gate = new SemaphoreSlim(flushConcurrency);
        var flushes = new Task[plan.FlushKeys.Length];
        for (var i = 0; i < plan.FlushKeys.Length; i++)
        {
            await gate.WaitAsync();
            flushes[i] = FlushOne(i);
        }

        await Task.WhenAll(flushes);
        var outputs = OutputLists.Rent();
        long stateBytes = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Status != ApplyStatus.Applied)
            {
                OutputLists.Return(outputs);
                throw new InvalidOperationException($"key grain {pipeline.KeyGrainId(plan.FlushKeys[i])} answered {results[i].Status} to the flush of epoch {plan.Epoch}");
            }

            outputs.AddRange(results[i].Outputs);
            nextDue[i] = results[i].NextDueTime;
            stateBytes += results[i].StateBytesWritten;
        }

        if (plan.Due is not null)
        {
            if (state.State.PendingDue is { } previous && previous.Epoch < plan.Epoch)
            {
                state.State.CommittedDue = previous;
            }

            state.State.PendingDue = plan.Due;
            await state.WriteStateAsync();
        }

        return new FlushedEpoch(outputs, nextDue, plan.FlushKeys.Length, stateBytes, new EpochMetadata(plan.Epoch, plan.StreamTime));

        async Task FlushOne(int i)
        {
            try
            {
                var grain = (IKeyGrain)grains.GetGrain(pipeline.KeyGrainInterface!, pipeline.KeyGrainId(plan.FlushKeys[i]));
                results[i] = await grain.Flush(new FlushRequest
                {
                    Partition = partition,
                    Epoch = plan.Epoch,
                    Generation = plan.Generation,
                    CommittedEpoch = plan.Epoch - 1,
                    EndOffset = plan.EndOffset,
                    StreamTime = plan.StreamTime,
                    LastAcknowledged = plan.FlushLastAcknowledged[i],
                });
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public void Committed(FlushedEpoch flushed)
    {
    }

    public Task ReleaseAsync(long generation) => Task.CompletedTask;
}
