using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Outputs;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Ingress;

/// <summary>
/// One generation of a partition agent: reads records from the committed offset, dispatches them
/// to key grains, and ends an epoch every commit interval. It runs until cancelled, and throws
/// <see cref="GenerationFailedException"/> when anything fails — the agent then starts a new
/// generation from the committed offset.
/// </summary>
internal sealed class GenerationRun(
    PipelineDefinition pipeline,
    int partition,
    GenerationStart start,
    IPartitionSource source,
    IPartitionCommitter committer,
    Func<string, IKeyGrain> grainOf,
    AgentLimits limits,
    PartitionCounters counters,
    TimeProvider time,
    ILogger logger,
    string? siloName = null)
{
    private readonly AsyncSignal _signal = new();
    private readonly SafeOffsetTracker _tracker = new(start.StartOffset, limits.MaxBufferedRecords);
    private readonly StreamClock _clock = new(start.StreamTime);
    private readonly DueIndex _due = new();
    private KeyDispatcher _dispatcher = null!;
    private EpochState _epochs = null!;
    private RecordIntake _intake = null!;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _due.Import(start.Due.Keys, start.Due.DueTimes);
        _dispatcher = new KeyDispatcher(grainOf, static (key, batch) => key.Grain.Apply(batch), _signal.Set, limits.MaxInFlight, limits.MaxBatchRecords, siloName);
        _epochs = new EpochState(start.CommittedEpoch, start.StartOffset, _due.Version);
        _intake = new RecordIntake(pipeline, _clock);
        counters.CommittedOffset = start.StartOffset;

        Task<bool>? readWait = null;
        Task? tick = null;
        Task<EpochOutcome>? epoch = null;
        EpochPlan? plan = null;
        long dueVersionAtPlan = 0;
        var epochStartedAt = time.GetTimestamp();
        var recordsSinceEpoch = 0L;

        while (true)
        {
            while (_dispatcher.TryTakeCompletion(out var completion))
            {
                OnCompletion(completion);
            }

            while (_tracker.Outstanding < limits.MaxBufferedRecords && source.Records.TryRead(out var chunk))
            {
                recordsSinceEpoch += Intake(chunk);
            }

            _dispatcher.Dispatch(start.Generation, _epochs.CommittedEpoch, pipeline.Name, partition);
            counters.SafeOffset = _tracker.SafeOffset;
            counters.HighWatermark = source.HighWatermark;

            if (epoch is { IsCompleted: true })
            {
                var outcome = await Committed(epoch, plan!);
                _epochs.Committed(plan!, outcome, dueVersionAtPlan, _clock, _dispatcher, _due);
                _dispatcher.EvictIdle();
                counters.CommittedOffset = plan!.EndOffset;
                counters.AddEpoch(outcome.OutputsByKind[(int)OutputKind.Result], outcome.OutputsByKind[(int)OutputKind.Late]);
                epoch = null;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                await FinishInFlightEpoch(epoch, plan, dueVersionAtPlan);
                return;
            }

            if (epoch is null && (time.GetElapsedTime(epochStartedAt) >= limits.CommitInterval || recordsSinceEpoch >= limits.CommitMaxRecords))
            {
                epochStartedAt = time.GetTimestamp();
                recordsSinceEpoch = 0;
                tick = null;
                plan = _epochs.TryPlan(start.Generation, _tracker.SafeOffset, _clock, _dispatcher, _due);
                if (plan is not null)
                {
                    dueVersionAtPlan = _due.Version;
                    epoch = committer.CommitEpochAsync(plan, CancellationToken.None);
                }
            }

            var waits = new List<Task>(4) { _signal.WaitAsync() };
            if (_tracker.Outstanding < limits.MaxBufferedRecords)
            {
                readWait ??= source.Records.WaitToReadAsync(cancellationToken).AsTask();
                waits.Add(readWait);
            }

            if (epoch is not null)
            {
                waits.Add(epoch);
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
    private async Task FinishInFlightEpoch(Task<EpochOutcome>? epoch, EpochPlan? plan, long dueVersionAtPlan)
    {
        if (epoch is null)
        {
            return;
        }

        try
        {
            var outcome = await epoch.WaitAsync(TimeSpan.FromSeconds(30), time);
            _epochs.Committed(plan!, outcome, dueVersionAtPlan, _clock, _dispatcher, _due);
            counters.CommittedOffset = plan!.EndOffset;
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

    private int Intake(ConsumedRecord[] chunk)
    {
        foreach (ref readonly var record in chunk.AsSpan())
        {
            RecordTraces.Received(pipeline.Name, partition, record.Offset, record.Headers);
            var sequence = _tracker.Add(record.Offset);
            _epochs.SetStartIfUnknown(record.Offset);
            if (_intake.TryRoute(record, out var key, out var routed, out var deadLetter))
            {
                _dispatcher.Enqueue(key, sequence, routed);
            }
            else
            {
                _epochs.AddAgentOutput(deadLetter);
                _tracker.Complete(sequence);
                counters.AddDeadLettered(1);
            }
        }

        counters.AddRecords(chunk.Length);
        counters.Lag.Read(chunk);
        return chunk.Length;
    }

    private void OnCompletion(ApplyCompletion completion)
    {
        var key = completion.Key;
        if (completion.Error is not null)
        {
            throw new GenerationFailedException($"key grain {pipeline.KeyGrainId(key.Key)} failed", completion.Error);
        }

        switch (completion.Result.Status)
        {
            case ApplyStatus.Applied:
                var applied = _dispatcher.Finish(key);
                foreach (var (sequence, _) in applied)
                {
                    _tracker.Complete(sequence);
                }

                key.MinUnflushedOffset = Math.Min(key.MinUnflushedOffset, applied[0].Record.Offset);
                key.LastAcknowledged = applied[^1].Record.Offset;
                _due.Set(key.Key, completion.Result.NextDueTime);
                break;
            case ApplyStatus.WrongPartition:
                var rejected = _dispatcher.Finish(key);
                var reason = $"key '{key.Key}' belongs to partition {completion.Result.OwnerPartition}, not {partition}: the input topic is not partitioned by this pipeline's key";
                foreach (var (sequence, record) in rejected)
                {
                    _epochs.AddAgentOutput(Outputs.DeadLetter(record, reason));
                    _tracker.Complete(sequence);
                }

                counters.AddDeadLettered(rejected.Length);
                IngressLog.WrongPartition(logger, pipeline.Name, partition, key.Key, completion.Result.OwnerPartition);
                break;
            default:
                throw new GenerationFailedException($"key grain {pipeline.KeyGrainId(key.Key)} answered {completion.Result.Status}");
        }
    }
}
