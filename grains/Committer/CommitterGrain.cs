using Microsoft.Extensions.Logging;
using Orleans.Placement;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Storage;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// Commits the epochs of one input partition: flushes the epoch's key grains, checks that every
/// output was caused inside the epoch, and commits outputs and the end offset (with its epoch)
/// together — in one Kafka transaction in exactly-once mode. Placed on the caller's silo, which is
/// the partition agent's.
/// </summary>
[PreferLocalPlacement]
internal sealed class CommitterGrain(
    [PersistentState("committer", StorageNames.State)] IPersistentState<CommitterState> state,
    PipelineRegistry pipelines,
    KafkaConnection kafka,
    CommitterOptions options,
    OrleansStreamsMetrics metrics,
    ILogger<CommitterGrain> logger) : Grain, ICommitterGrain
{
    private PipelineDefinition _pipeline = null!;
    private int _partition;
    private EpochProducer? _producer;
    private long _generation = -1;

    /// <summary>How long one blocking Kafka call may take beyond the client's own timeout before the producer is abandoned.</summary>
    private TimeSpan CallDeadline => options.KafkaTimeout + TimeSpan.FromSeconds(5);

    /// <summary>The same for a commit, which makes two timed calls (send offsets, commit); below Orleans' 30 s response timeout.</summary>
    private TimeSpan CommitDeadline => (2 * options.KafkaTimeout) + TimeSpan.FromSeconds(5);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (pipeline, partition) = PipelineRegistry.SplitGrainId(this.GetPrimaryKeyString());
        _pipeline = pipelines.Get(pipeline);
        _partition = int.Parse(partition, System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        DropProducer();
        return Task.CompletedTask;
    }

    public async Task<GenerationStart> BeginGeneration()
    {
        DropProducer();
        using var recovery = metrics.StartRecovery(_pipeline.Name, _partition);
        await state.ReadStateAsync();
        state.State.Generation++;
        await state.WriteStateAsync();
        var generation = state.State.Generation;

        var producer = new EpochProducer(kafka, _pipeline, _partition, options);
        try
        {
            await BlockingKafkaCall.RunAsync(producer.InitTransactions, CallDeadline, "InitTransactions");
            var (offset, metadata) = await BlockingKafkaCall.RunAsync(producer.ReadCommitted, CallDeadline, "reading the committed offset");
            var due = await RecoverDueIndex(metadata.Epoch);
            _producer = producer;
            _generation = generation;
            CommitterLog.GenerationBegun(logger, this.GetPrimaryKeyString(), generation, metadata.Epoch, offset);
            recovery.Begun(generation, metadata.Epoch, offset);
            return new GenerationStart
            {
                Generation = generation,
                CommittedEpoch = metadata.Epoch,
                StartOffset = offset,
                StreamTime = metadata.StreamTime,
                Due = due,
            };
        }
        catch (KafkaCallStuckException e)
        {
            Abandon(producer, e);
            throw;
        }
        catch
        {
            producer.Dispose();
            throw;
        }
    }

    public async Task<EpochOutcome> CommitEpoch(EpochPlan plan)
    {
        if (plan.Generation != _generation || _producer is null)
        {
            throw new InvalidOperationException($"committer {this.GetPrimaryKeyString()} runs generation {_generation}; epoch {plan.Epoch} of generation {plan.Generation} is refused");
        }

        var telemetry = metrics.StartEpoch(_pipeline.Name, _partition, plan);
        try
        {
            var outputs = new List<OutputRecord>(plan.AgentOutputs);
            var (nextDue, stateBytes) = await FlushKeys(plan, outputs);
            Attribute(plan, outputs);
            telemetry.TraceOutputs(outputs);
            if (plan.Due is not null)
            {
                if (state.State.PendingDue is { } previous && previous.Epoch < plan.Epoch)
                {
                    state.State.CommittedDue = previous;
                }

                state.State.PendingDue = plan.Due;
                await state.WriteStateAsync();
            }

            var producer = _producer;
            await BlockingKafkaCall.RunAsync(() => producer.Commit(plan.Epoch, outputs, plan.EndOffset, new EpochMetadata(plan.Epoch, plan.StreamTime)), CommitDeadline, $"committing epoch {plan.Epoch}");
            telemetry.Committed(outputs, plan.FlushKeys.Length, stateBytes);
            var byKind = new int[3];
            foreach (var output in outputs)
            {
                byKind[(int)output.Kind]++;
            }

            return new EpochOutcome { FlushedKeys = plan.FlushKeys, NextDueTimes = nextDue, OutputsByKind = byKind, StateBytesWritten = stateBytes };
        }
        catch (Exception e)
        {
            CommitterLog.EpochFailed(logger, this.GetPrimaryKeyString(), plan.Epoch, e);
            telemetry.Aborted(e);
            if (e is KafkaCallStuckException stuck && _producer is { } producer)
            {
                _producer = null;
                Abandon(producer, stuck);
            }

            DropProducer();
            throw;
        }
    }

    public Task Release(long generation)
    {
        if (generation == _generation)
        {
            DropProducer();
            this.DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    private async Task<DueSnapshot> RecoverDueIndex(long committedEpoch)
    {
        var s = state.State;
        var changed = false;
        if (s.PendingDue is { } pending)
        {
            // A pending index at or below the committed epoch committed with it; one above never did.
            if (pending.Epoch <= committedEpoch)
            {
                s.CommittedDue = pending;
            }

            s.PendingDue = null;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return s.CommittedDue is { } committed && committed.Epoch <= committedEpoch ? committed : DueSnapshot.Empty;
    }

    private async Task<(long[] NextDue, long StateBytes)> FlushKeys(EpochPlan plan, List<OutputRecord> outputs)
    {
        var nextDue = new long[plan.FlushKeys.Length];
        var results = new FlushResult[plan.FlushKeys.Length];
        using var gate = new SemaphoreSlim(options.FlushConcurrency);
        var flushes = new Task[plan.FlushKeys.Length];
        for (var i = 0; i < plan.FlushKeys.Length; i++)
        {
            await gate.WaitAsync();
            flushes[i] = FlushOne(i);
        }

        await Task.WhenAll(flushes);
        long stateBytes = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Status != ApplyStatus.Applied)
            {
                throw new InvalidOperationException($"key grain {_pipeline.KeyGrainId(plan.FlushKeys[i])} answered {results[i].Status} to the flush of epoch {plan.Epoch}");
            }

            outputs.AddRange(results[i].Outputs);
            nextDue[i] = results[i].NextDueTime;
            stateBytes += results[i].StateBytesWritten;
        }

        return (nextDue, stateBytes);

        async Task FlushOne(int i)
        {
            try
            {
                var grain = (IKeyGrain)GrainFactory.GetGrain(_pipeline.KeyGrainInterface, _pipeline.KeyGrainId(plan.FlushKeys[i]));
                results[i] = await grain.Flush(new FlushRequest
                {
                    Partition = _partition,
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

    /// <summary>Gives window-close results their causing offset and checks the epoch invariant for every output.</summary>
    private void Attribute(EpochPlan plan, List<OutputRecord> outputs)
    {
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (output.CausingOffset < 0)
            {
                var offset = plan.Rises.FirstOffsetReaching(output.CloseTime);
                if (offset < 0)
                {
                    offset = plan.StartOffset;
                    CommitterLog.LateClose(logger, this.GetPrimaryKeyString(), plan.Epoch, output.CloseTime, offset);
                }

                outputs[i] = output = output with { CausingOffset = offset };
            }

            if (output.CausingOffset < plan.StartOffset || output.CausingOffset >= plan.EndOffset)
            {
                CommitterLog.OutputOutsideEpoch(logger, this.GetPrimaryKeyString(), plan.Epoch, output.CausingOffset, plan.StartOffset, plan.EndOffset);
                throw new InvalidOperationException($"output caused at {output.CausingOffset} is outside epoch {plan.Epoch} [{plan.StartOffset}, {plan.EndOffset})");
            }
        }

        outputs.Sort(static (a, b) => a.CausingOffset.CompareTo(b.CausingOffset));
    }

    /// <summary>Leaves a producer whose call is stuck to be disposed when the call returns; the next generation fences it.</summary>
    private void Abandon(EpochProducer producer, KafkaCallStuckException stuck)
    {
        CommitterLog.ProducerAbandoned(logger, this.GetPrimaryKeyString(), stuck.Message);
        _ = stuck.Stuck.ContinueWith(_ => producer.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void DropProducer()
    {
        _producer?.Dispose();
        _producer = null;
        _generation = -1;
    }
}
