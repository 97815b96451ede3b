using Microsoft.Extensions.Logging;
using Orleans.Placement;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Grains.Results;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;
using OrleansStreams.Storage;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// Commits the epochs of one input partition: flushes the epoch's state (the partition state grain
/// of a windowed pipeline, and at checkpoint epochs writes its changed keys in one batch; or each
/// dirty key grain of a pipeline with its own grain), checks that every output was caused inside the
/// epoch, and commits outputs and the end offset (with epoch and checkpoint) together — in one Kafka
/// transaction in exactly-once mode. It also begins each generation: fences storage and older
/// producers, rolls state back to the committed checkpoint and loads it. Placed on the caller's silo,
/// which is the partition agent's.
/// </summary>
[PreferLocalPlacement]
internal sealed class CommitterGrain(
    [PersistentState("committer", StorageNames.State)] IPersistentState<CommitterState> state,
    PipelineRegistry pipelines,
    KafkaConnection kafka,
    CommitterOptions options,
    IKeyStateStore store,
    OrleansStreamsMetrics metrics,
    ILogger<CommitterGrain> logger) : Grain, ICommitterGrain
{
    private PipelineDefinition _pipeline = null!;
    private int _partition;
    private IPartitionStateGrain? _state;
    private ResultPublisher? _results;
    private EpochProducer? _producer;
    private long _generation = -1;

    /// <summary>The committed offset the generation began at: outputs caused below it were committed before (replays).</summary>
    private long _replayedBelow = -1;

    /// <summary>Windowed pipelines: the checkpoint part of the metadata of the last committed epoch.</summary>
    private EpochMetadata _checkpoint = EpochMetadata.None;

    /// <summary>How long one blocking Kafka call may take beyond the client's own timeout before the producer is abandoned.</summary>
    private TimeSpan CallDeadline => options.KafkaTimeout + TimeSpan.FromSeconds(5);

    /// <summary>The same for a commit, which makes two timed calls (send offsets, commit).</summary>
    private TimeSpan CommitDeadline => (2 * options.KafkaTimeout) + TimeSpan.FromSeconds(5);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (pipeline, partition) = PipelineRegistry.SplitGrainId(this.GetPrimaryKeyString());
        _pipeline = pipelines.Get(pipeline);
        _partition = int.Parse(partition, System.Globalization.CultureInfo.InvariantCulture);
        if (_pipeline is WindowedPipelineDefinition windowed)
        {
            _state = GrainFactory.GetGrain<IPartitionStateGrain>(PartitionStateGrainId.Of(_pipeline.Name, _partition));
            if (windowed.PublishResults)
            {
                var stream = this.GetStreamProvider(ResultStreams.ProviderName)
                    .GetStream<PublishedResult>(StreamId.Create(_pipeline.Name, ResultStreams.StreamKeyOf(_partition)));
                _results = new ResultPublisher(batch => stream.OnNextBatchAsync(batch), _partition, this.GetPrimaryKeyString(), metrics.Time, logger);
            }
        }

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
        var generation = await store.BeginGenerationAsync(_pipeline.Name, _partition);
        var producer = new EpochProducer(kafka, _pipeline, _partition, options);
        try
        {
            await BlockingKafkaCall.RunAsync(producer.InitTransactions, CallDeadline, "InitTransactions");
            var (offset, metadata) = await BlockingKafkaCall.RunAsync(producer.ReadCommitted, CallDeadline, "reading the committed offset");
            var due = DueSnapshot.Empty;
            var (replayFrom, replayStreamTime) = (offset, metadata.StreamTime);
            if (_state is not null)
            {
                if (!metadata.HasCheckpoint && offset >= 0)
                {
                    CommitterLog.NoCheckpoint(logger, this.GetPrimaryKeyString(), offset);
                }

                _checkpoint = metadata.HasCheckpoint ? metadata : new EpochMetadata(0, long.MinValue, 0, offset, metadata.StreamTime);
                (replayFrom, replayStreamTime) = (_checkpoint.ReplayFrom, _checkpoint.ReplayStreamTime);
                await store.RollBackAsync(_pipeline.Name, _partition, generation, _checkpoint.Checkpoint);
                await _state.Begin(new StateBegin
                {
                    Generation = generation,
                    CommittedEpoch = metadata.Epoch,
                    CommittedOffset = offset,
                    CommittedStreamTime = metadata.StreamTime,
                    ReplayFrom = replayFrom,
                });
            }
            else
            {
                due = await RecoverDueIndex(metadata.Epoch);
            }

            _producer = producer;
            _generation = generation;
            _replayedBelow = offset;
            CommitterLog.GenerationBegun(logger, this.GetPrimaryKeyString(), generation, metadata.Epoch, offset);
            recovery.Begun(generation, metadata.Epoch, offset);
            return new GenerationStart
            {
                Generation = generation,
                CommittedEpoch = metadata.Epoch,
                StartOffset = offset,
                StreamTime = metadata.StreamTime,
                Due = due,
                ReplayFrom = replayFrom,
                ReplayStreamTime = replayStreamTime,
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
            // Windowed pipelines get the list from the state grain's flush; it goes back to the pool once committed.
            Flushed flushed;
            List<OutputRecord> outputs;
            if (_state is not null)
            {
                (flushed, outputs) = await FlushState(plan);
                outputs.InsertRange(0, plan.AgentOutputs);
            }
            else
            {
                outputs = OutputLists.Rent();
                outputs.AddRange(plan.AgentOutputs);
                flushed = await FlushKeyGrains(plan, outputs);
            }

            Attribute(plan, outputs);
            telemetry.TraceOutputs(outputs);
            var metadata = _state is not null
                ? flushed.Checkpoint with { Epoch = plan.Epoch, StreamTime = plan.StreamTime }
                : new EpochMetadata(plan.Epoch, plan.StreamTime);
            var producer = _producer;
            await BlockingKafkaCall.RunAsync(() => producer.Commit(plan.Epoch, outputs, plan.EndOffset, metadata), CommitDeadline, $"committing epoch {plan.Epoch}");
            _checkpoint = flushed.Checkpoint;
            telemetry.Committed(outputs, flushed.KeysFlushed, flushed.StateBytes);
            var byKind = new int[Enum.GetValues<OutputKind>().Length];
            foreach (var output in outputs)
            {
                byKind[(int)output.Kind]++;
            }

            if (_results is not null)
            {
                await _results.PublishAsync(plan.Epoch, outputs); // committed: never before
            }

            OutputLists.Return(outputs);
            return new EpochOutcome { FlushedKeys = plan.FlushKeys, NextDueTimes = flushed.NextDue, OutputsByKind = byKind, StateBytesWritten = flushed.StateBytes };
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

    public async Task Release(long generation)
    {
        if (generation == _generation)
        {
            DropProducer();
            this.DeactivateOnIdle();
            if (_state is not null)
            {
                await _state.Release(generation);
            }
        }
    }

    private async Task<DueSnapshot> RecoverDueIndex(long committedEpoch)
    {
        await state.ReadStateAsync();
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

    /// <summary>Windowed pipelines: flushes the partition state grain and, at a checkpoint epoch, writes its changed keys.</summary>
    private async Task<(Flushed Flushed, List<OutputRecord> Outputs)> FlushState(EpochPlan plan)
    {
        var flush = await _state!.Flush(new StateFlush
        {
            Generation = plan.Generation,
            Epoch = plan.Epoch,
            EndOffset = plan.EndOffset,
            StreamTime = plan.StreamTime,
            Checkpoint = plan.Checkpoint,
        });
        if (flush.Status != StateCallStatus.Done)
        {
            throw new InvalidOperationException($"partition state {_state.GetPrimaryKeyString()} answered {flush.Status} to the flush of epoch {plan.Epoch}");
        }

        var checkpoint = _checkpoint.ReplayFrom >= 0 ? _checkpoint : _checkpoint with { ReplayFrom = plan.StartOffset, ReplayStreamTime = long.MinValue };
        if (!plan.Checkpoint)
        {
            CheckpointRows.Pool.Return(flush.Rows);
            return (new Flushed([], 0, 0, checkpoint), flush.Outputs);
        }

        var started = metrics.Time.GetTimestamp();
        var written = await store.WriteCheckpointAsync(_pipeline.Name, _partition, plan.Generation, plan.Epoch, flush.Rows);
        metrics.CheckpointDuration.Record(metrics.Time.GetElapsedTime(started).TotalSeconds, OrleansStreamsMetrics.Tags(_pipeline.Name, _partition));
        var rowCount = flush.Rows.Count;
        CheckpointRows.Pool.Return(flush.Rows); // written: storage holds its own copy now
        if (written.Foreign.Count > 0)
        {
            foreach (var (key, owner) in written.Foreign.Take(10))
            {
                CommitterLog.KeyOnTwoPartitions(logger, this.GetPrimaryKeyString(), key, owner, written.Foreign.Count);
            }

            await _state.Disown(plan.Generation, [.. written.Foreign]);
        }

        return (new Flushed([], rowCount, written.BytesWritten, new EpochMetadata(0, 0, plan.Epoch, plan.EndOffset, plan.StreamTime)), flush.Outputs);
    }

    /// <summary>Pipelines with their own key grain: flushes every key grain of the plan and persists the due index.</summary>
    private async Task<Flushed> FlushKeyGrains(EpochPlan plan, List<OutputRecord> outputs)
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

        if (plan.Due is not null)
        {
            if (state.State.PendingDue is { } previous && previous.Epoch < plan.Epoch)
            {
                state.State.CommittedDue = previous;
            }

            state.State.PendingDue = plan.Due;
            await state.WriteStateAsync();
        }

        return new Flushed(nextDue, plan.FlushKeys.Length, stateBytes, EpochMetadata.None);

        async Task FlushOne(int i)
        {
            try
            {
                var grain = (IKeyGrain)GrainFactory.GetGrain(_pipeline.KeyGrainInterface!, _pipeline.KeyGrainId(plan.FlushKeys[i]));
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

    /// <summary>
    /// Gives window-close results their causing offset, drops what replayed records caused (committed
    /// before this generation), and checks the epoch invariant for every output.
    /// </summary>
    private void Attribute(EpochPlan plan, List<OutputRecord> outputs)
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
                    CommitterLog.LateClose(logger, this.GetPrimaryKeyString(), plan.Epoch, output.CloseTime, offset);
                }

                output = output with { CausingOffset = offset };
            }

            if (output.CausingOffset < _replayedBelow)
            {
                continue;
            }

            if (output.CausingOffset < plan.StartOffset || output.CausingOffset >= plan.EndOffset)
            {
                CommitterLog.OutputOutsideEpoch(logger, this.GetPrimaryKeyString(), plan.Epoch, output.CausingOffset, plan.StartOffset, plan.EndOffset);
                throw new InvalidOperationException($"output caused at {output.CausingOffset} is outside epoch {plan.Epoch} [{plan.StartOffset}, {plan.EndOffset})");
            }

            outputs[kept++] = output;
        }

        outputs.RemoveRange(kept, outputs.Count - kept);

        OutputOrder.SortByCausingOffset(outputs);
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

    /// <summary>What flushing an epoch's state gave: due times (key grains), keys flushed or written, bytes written, and the checkpoint to commit.</summary>
    private readonly record struct Flushed(long[] NextDue, int KeysFlushed, long StateBytes, EpochMetadata Checkpoint);
}
