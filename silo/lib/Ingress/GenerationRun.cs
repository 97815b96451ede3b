using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Ingress;

/// <summary>
/// One generation of a partition agent: reads records from the generation's replay offset (the
/// committed offset, or for windowed pipelines the offset of the committed checkpoint), routes them
/// to the grains that apply them, and ends an epoch every commit interval, with a checkpoint of the
/// partition's state every checkpoint interval. Records below the committed offset are replayed only
/// to rebuild state: what they caused was committed before and is dropped. It runs until cancelled,
/// and throws <see cref="GenerationFailedException"/> when anything fails — the agent then starts a
/// new generation.
/// </summary>
internal sealed class GenerationRun(
    PipelineDefinition pipeline,
    int partition,
    GenerationStart start,
    IPartitionSource source,
    IPartitionCommitter committer,
    IRecordRouter router,
    AsyncSignal signal,
    AgentLimits limits,
    PartitionCounters counters,
    TimeProvider time,
    RecordTraces? traces = null)
{
    /// <summary>How often a loop holding dispatch for an epoch's end checks again without a signal.</summary>
    private static readonly TimeSpan HeldRecheck = TimeSpan.FromMilliseconds(20);

    private readonly SafeOffsetTracker _tracker = new(start.ReplayFrom, limits.MaxBufferedRecords);

    /// <summary>Whether the router was told that the records below the committed offset are all handled.</summary>
    private bool _replayed;
    private readonly StreamClock _clock = new(start.ReplayStreamTime);
    private readonly EpochState _epochs = new(start.CommittedEpoch, start.StartOffset);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var intake = new RecordIntake(pipeline, _clock);
        counters.CommittedOffset = start.StartOffset;
        (counters.Generation, counters.CommittedEpoch, counters.CommittedStreamTime, counters.LastCommit) = (start.Generation, start.CommittedEpoch, start.StreamTime, null);

        Task<bool>? readWait = null;
        Task? tick = null;
        Task<EpochOutcome>? epoch = null;
        EpochPlan? plan = null;
        FlushTargets targets = FlushTargets.None;
        var epochStartedAt = time.GetTimestamp();
        var checkpointedAt = time.GetTimestamp();
        var recordsSinceEpoch = 0L;

        while (true)
        {
            router.TakeCompletions(_tracker, DeadLettered);
            while (_tracker.Outstanding < limits.MaxBufferedRecords && source.Records.TryRead(out var chunk))
            {
                recordsSinceEpoch += Intake(intake, chunk);
            }

            if (epoch is { IsCompleted: true })
            {
                var outcome = await Committed(epoch, plan!);
                OnCommitted(plan!, targets, outcome);
                if (plan!.Checkpoint)
                {
                    checkpointedAt = epochStartedAt;
                }

                epoch = null;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                await FinishInFlightEpoch(epoch, plan, targets);
                return;
            }

            // A router whose calls must not straddle an epoch's end is drained first: dispatch holds until its call returns.
            var due = epoch is null && (time.GetElapsedTime(epochStartedAt) >= limits.CommitInterval || recordsSinceEpoch >= limits.CommitMaxRecords);
            var held = due && router.Busy;
            if (due && !held)
            {
                epochStartedAt = time.GetTimestamp();
                recordsSinceEpoch = 0;
                tick = null;
                var checkpoint = pipeline is WindowedPipelineDefinition && time.GetElapsedTime(checkpointedAt) >= limits.CheckpointInterval;
                plan = _epochs.TryPlan(start.Generation, _tracker.SafeOffset, _clock, router, checkpoint, out targets);
                if (plan is not null)
                {
                    epoch = committer.CommitEpochAsync(plan, CancellationToken.None);
                }
            }

            if (!held)
            {
                router.Dispatch(_epochs.CommittedEpoch, epoch is null ? _epochs.CommittedEpoch + 1 : plan!.Epoch + 1);
            }

            counters.SafeOffset = _tracker.SafeOffset;
            if (!_replayed && _tracker.SafeOffset >= start.StartOffset)
            {
                _replayed = true;
                counters.CaughtUp();
                if (start.StartOffset >= 0)
                {
                    router.ReplayedTo(_tracker.SafeOffset);
                }
            }

            counters.HighWatermark = source.HighWatermark;

            var waits = new List<Task>(4) { signal.WaitAsync() };
            if (_tracker.Outstanding < limits.MaxBufferedRecords)
            {
                readWait ??= source.Records.WaitToReadAsync(cancellationToken).AsTask();
                waits.Add(readWait);
            }

            if (epoch is not null)
            {
                waits.Add(epoch);
            }
            else if (held)
            {
                // The router signals when its call returns; a short timer as well, so no missed signal can stall the partition.
                waits.Add(Task.Delay(HeldRecheck, time, cancellationToken));
            }
            else
            {
                var remaining = limits.CommitInterval - time.GetElapsedTime(epochStartedAt);
                tick ??= Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, cancellationToken);
                waits.Add(tick);
            }

            await Task.WhenAny(waits);
            if (tick is { IsCompleted: true })
            {
                tick = null;
            }

            if (readWait is { IsCompleted: true })
            {
                if (readWait.IsCanceled || cancellationToken.IsCancellationRequested)
                {
                    readWait = null;
                    continue;
                }

                bool more;
                try
                {
                    more = await readWait;
                    await (more ? Task.CompletedTask : source.Records.Completion);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new GenerationFailedException($"the consumer of {pipeline.InputTopic}/{partition} failed", e);
                }

                if (!more)
                {
                    throw new GenerationFailedException($"the consumer of {pipeline.InputTopic}/{partition} stopped");
                }

                readWait = null;
            }
        }
    }

    /// <summary>On stop, lets an epoch already being committed finish, so the next owner resumes after it.</summary>
    private async Task FinishInFlightEpoch(Task<EpochOutcome>? epoch, EpochPlan? plan, FlushTargets targets)
    {
        if (epoch is null)
        {
            return;
        }

        try
        {
            var outcome = await epoch.WaitAsync(TimeSpan.FromSeconds(30), time);
            OnCommitted(plan!, targets, outcome);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The epoch did not commit; the next generation resumes from the previous commit.
        }
    }

    private async Task<EpochOutcome> Committed(Task<EpochOutcome> epoch, EpochPlan plan)
    {
        try
        {
            return await epoch;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new GenerationFailedException($"epoch {plan.Epoch} of {pipeline.Name}/{partition} did not commit", e);
        }
    }

    private void OnCommitted(EpochPlan plan, FlushTargets targets, EpochOutcome outcome)
    {
        _epochs.Committed(plan, _clock);
        router.Committed(plan, targets, outcome);
        counters.CommittedOffset = plan.EndOffset;
        (counters.CommittedEpoch, counters.CommittedStreamTime, counters.LastCommit) = (plan.Epoch, plan.StreamTime, time.GetUtcNow());
        var byKind = outcome.OutputsByKind;
        counters.AddEpoch(byKind[(int)OutputKind.Result], byKind[(int)OutputKind.Late]);

        // The agent counts its own dead letters as it makes them; these are the grains'.
        counters.AddDeadLettered(Math.Max(0, byKind[(int)OutputKind.DeadLetter] - plan.AgentOutputs.Length));
    }

    private int Intake(RecordIntake intake, ConsumedRecord[] chunk)
    {
        foreach (ref readonly var record in chunk.AsSpan())
        {
            traces?.Received(pipeline.Name, partition, record.Offset, record.Headers);
            var sequence = _tracker.Add(record.Offset);
            _epochs.SetStartIfUnknown(record.Offset);
            if (intake.TryRoute(record, out var key, out var routed, out var deadLetter))
            {
                router.Enqueue(key, sequence, routed);
            }
            else
            {
                DeadLettered(deadLetter);
                _tracker.Complete(sequence);
            }
        }

        counters.AddRecords(chunk.Length);
        counters.Lag.Read(chunk);
        return chunk.Length;
    }

    /// <summary>A dead letter made by the agent or its router; one caused below the committed offset is a replay, committed before.</summary>
    private void DeadLettered(OutputRecord deadLetter)
    {
        if (deadLetter.CausingOffset >= _epochs.StartOffset)
        {
            _epochs.AddAgentOutput(deadLetter);
            counters.AddDeadLettered(1);
        }
    }
}
