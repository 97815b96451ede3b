using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Telemetry;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The <see cref="IEpochState"/> of a windowed pipeline's partition: its state grain holds every key;
/// an epoch flushes it (one call), and a checkpoint epoch also writes the keys changed since the last
/// checkpoint in one batch. The committed metadata carries the checkpoint: a new generation rolls
/// storage back to it, loads it, and replays the input from the checkpoint's offset.
/// </summary>
internal sealed class CheckpointedEpochState(
    string committer,
    string pipeline,
    int partition,
    IPartitionStateGrain state,
    IKeyStateStore store,
    OrleansStreamsMetrics metrics,
    ILogger logger) : IEpochState
{
    /// <summary>The checkpoint part of the metadata of the last committed epoch.</summary>
    private EpochMetadata _checkpoint = EpochMetadata.None;

    public async Task<EpochStateStart> BeginAsync(long generation, long committedOffset, EpochMetadata committed)
    {
        if (!committed.HasCheckpoint && committedOffset >= 0)
        {
            CommitterLog.NoCheckpoint(logger, committer, committedOffset);
        }

        _checkpoint = committed.HasCheckpoint ? committed : new EpochMetadata(0, long.MinValue, 0, committedOffset, committed.StreamTime);
        await store.RollBackAsync(pipeline, partition, generation, _checkpoint.Checkpoint);
        await state.Begin(new StateBegin
        {
            Generation = generation,
            CommittedEpoch = committed.Epoch,
            CommittedOffset = committedOffset,
            CommittedStreamTime = committed.StreamTime,
            ReplayFrom = _checkpoint.ReplayFrom,
        });
        return new EpochStateStart(_checkpoint.ReplayFrom, _checkpoint.ReplayStreamTime, DueSnapshot.Empty);
    }

    public async Task<FlushedEpoch> FlushAsync(EpochPlan plan)
    {
        var flush = await state.Flush(new StateFlush
        {
            Generation = plan.Generation,
            Epoch = plan.Epoch,
            EndOffset = plan.EndOffset,
            StreamTime = plan.StreamTime,
            Checkpoint = plan.Checkpoint,
        });
        if (flush.Status != StateCallStatus.Done)
        {
            throw new InvalidOperationException($"partition state {state.GetPrimaryKeyString()} answered {flush.Status} to the flush of epoch {plan.Epoch}");
        }

        if (!plan.Checkpoint)
        {
            CheckpointRows.Pool.Return(flush.Rows);
            var previous = _checkpoint.ReplayFrom >= 0 ? _checkpoint : _checkpoint with { ReplayFrom = plan.StartOffset, ReplayStreamTime = long.MinValue };
            return new FlushedEpoch(flush.Outputs, [], 0, 0, previous with { Epoch = plan.Epoch, StreamTime = plan.StreamTime });
        }

        var started = metrics.Time.GetTimestamp();
        var written = await store.WriteCheckpointAsync(pipeline, partition, plan.Generation, plan.Epoch, flush.Rows);
        metrics.CheckpointDuration.Record(metrics.Time.GetElapsedTime(started).TotalSeconds, OrleansStreamsMetrics.Tags(pipeline, partition));
        var rowCount = flush.Rows.Count;
        CheckpointRows.Pool.Return(flush.Rows); // written: storage holds its own copy now
        if (written.Foreign.Count > 0)
        {
            foreach (var (key, owner) in written.Foreign.Take(10))
            {
                CommitterLog.KeyOnTwoPartitions(logger, committer, key, owner, written.Foreign.Count);
            }

            await state.Disown(plan.Generation, [.. written.Foreign]);
        }

        return new FlushedEpoch(flush.Outputs, [], rowCount, written.BytesWritten, new EpochMetadata(plan.Epoch, plan.StreamTime, plan.Epoch, plan.EndOffset, plan.StreamTime));
    }

    public void Committed(FlushedEpoch flushed) => _checkpoint = flushed.Metadata;

    public Task ReleaseAsync(long generation) => state.Release(generation);
}
