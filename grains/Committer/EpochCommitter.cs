using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Kafka;
using OrleansStreams.Grains.Results;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The epoch protocol of one input partition, free of Orleans and Kafka: begins generations (fences
/// storage and the previous sink, reads the committed offset, loads the state) and commits epochs —
/// flush the state (<see cref="IEpochState"/>), attribute and check the outputs
/// (<see cref="EpochAttribution"/>), commit outputs and end offset through the sink
/// (<see cref="IEpochSink"/>), then publish results. Every sink call runs under a deadline: a sink
/// that does not return is abandoned and fenced by the next generation. <see cref="CommitterGrain"/> hosts it.
/// </summary>
internal sealed class EpochCommitter(
    string id,
    PipelineDefinition pipeline,
    int partition,
    IEpochState state,
    IEpochSinkFactory sinks,
    IKeyStateStore store,
    ResultPublisher? results,
    CommitterOptions options,
    OrleansStreamsMetrics metrics,
    ILogger logger)
{
    private IEpochSink? _sink;
    private long _generation = -1;

    /// <summary>The committed offset the generation began at: outputs caused below it were committed before (replays).</summary>
    private long _replayedBelow = -1;

    /// <summary>How long one blocking sink call may take beyond the client's own timeout before the sink is abandoned.</summary>
    private TimeSpan CallDeadline => options.KafkaTimeout + options.StuckCallGrace;

    /// <summary>The same for a commit, which makes two timed calls (send offsets, commit).</summary>
    private TimeSpan CommitDeadline => (2 * options.KafkaTimeout) + options.StuckCallGrace;

    /// <summary>The generation running, or -1 when none (never begun, failed, or released).</summary>
    public long Generation => _generation;

    /// <summary>Starts a new generation; see <see cref="ICommitterGrain.BeginGeneration"/>.</summary>
    public async Task<GenerationStart> BeginGenerationAsync()
    {
        Stop();
        using var recovery = metrics.StartRecovery(pipeline.Name, partition);
        var generation = await store.BeginGenerationAsync(pipeline.Name, partition);
        var sink = sinks.Open(pipeline, partition);
        try
        {
            await BlockingKafkaCall.RunAsync(sink.Fence, CallDeadline, "fencing older producers", metrics.Time);
            var (offset, metadata) = await BlockingKafkaCall.RunAsync(sink.ReadCommitted, CallDeadline, "reading the committed offset", metrics.Time);
            var begun = await state.BeginAsync(generation, offset, metadata);
            (_sink, _generation, _replayedBelow) = (sink, generation, offset);
            CommitterLog.GenerationBegun(logger, id, generation, metadata.Epoch, offset);
            recovery.Begun(generation, metadata.Epoch, offset);
            return new GenerationStart
            {
                Generation = generation,
                CommittedEpoch = metadata.Epoch,
                StartOffset = offset,
                StreamTime = metadata.StreamTime,
                Due = begun.Due,
                ReplayFrom = begun.ReplayFrom,
                ReplayStreamTime = begun.ReplayStreamTime,
            };
        }
        catch (KafkaCallStuckException e)
        {
            Abandon(sink, e);
            throw;
        }
        catch
        {
            sink.Dispose();
            throw;
        }
    }

    /// <summary>Commits one epoch; see <see cref="ICommitterGrain.CommitEpoch"/>. After a failure the generation is over.</summary>
    public async Task<EpochOutcome> CommitEpochAsync(EpochPlan plan)
    {
        if (plan.Generation != _generation || _sink is null)
        {
            throw new InvalidOperationException($"committer {id} runs generation {_generation}; epoch {plan.Epoch} of generation {plan.Generation} is refused");
        }

        var telemetry = metrics.StartEpoch(pipeline.Name, partition, plan);
        try
        {
            var flushed = await state.FlushAsync(plan);
            var outputs = flushed.Outputs;
            outputs.InsertRange(0, plan.AgentOutputs);
            EpochAttribution.Attribute(plan, _replayedBelow, outputs, id, logger);
            telemetry.TraceOutputs(outputs);
            var sink = _sink;
            await BlockingKafkaCall.RunAsync(() => sink.Commit(plan.Epoch, outputs, plan.EndOffset, flushed.Metadata), CommitDeadline, $"committing epoch {plan.Epoch}", metrics.Time);
            state.Committed(flushed);
            telemetry.Committed(outputs, flushed.KeysFlushed, flushed.StateBytes);
            var byKind = new int[Enum.GetValues<OutputKind>().Length];
            foreach (var output in outputs)
            {
                byKind[(int)output.Kind]++;
            }

            if (results is not null)
            {
                await results.PublishAsync(plan.Epoch, outputs); // committed: never before
            }

            OutputLists.Return(outputs);
            return new EpochOutcome { FlushedKeys = plan.FlushKeys, NextDueTimes = flushed.NextDue, OutputsByKind = byKind, StateBytesWritten = flushed.StateBytes };
        }
        catch (Exception e)
        {
            CommitterLog.EpochFailed(logger, id, plan.Epoch, e);
            telemetry.Aborted(e);
            if (e is KafkaCallStuckException stuck && _sink is { } sink)
            {
                _sink = null;
                Abandon(sink, stuck);
            }

            Stop();
            throw;
        }
    }

    /// <summary>The agent of <paramref name="generation"/> stopped; returns whether that was the running generation (which is then over).</summary>
    public async Task<bool> ReleaseAsync(long generation)
    {
        if (generation != _generation)
        {
            return false;
        }

        Stop();
        await state.ReleaseAsync(generation);
        return true;
    }

    /// <summary>Ends the running generation, disposing its sink.</summary>
    public void Stop()
    {
        _sink?.Dispose();
        _sink = null;
        _generation = -1;
    }

    /// <summary>Leaves a sink whose call is stuck to be disposed when the call returns; the next generation fences it.</summary>
    private void Abandon(IEpochSink sink, KafkaCallStuckException stuck)
    {
        CommitterLog.ProducerAbandoned(logger, id, stuck.Message);
        _ = stuck.Stuck.ContinueWith(_ => sink.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}
