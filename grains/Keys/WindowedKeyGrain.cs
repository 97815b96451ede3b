using System.Buffers;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;
using OrleansStreams.Storage;

namespace OrleansStreams.Grains.Keys;

/// <summary>
/// The key grain of windowed pipelines (id <c>"&lt;pipeline&gt;/&lt;key&gt;"</c>). It applies each
/// record once (offsets at or below the last applied are replays), and at every epoch end writes a
/// snapshot tagged with the epoch and returns the outputs caused inside the epoch. It follows the
/// partition's generation: a newer one makes it reload the newest snapshot at or below the
/// committed epoch before anything else; an older one is refused. Placed on the caller's silo,
/// which is the partition agent's.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
internal sealed class WindowedKeyGrain(
    [PersistentState("window", StorageNames.State)] IPersistentState<KeySnapshotState> state,
    PipelineRegistry pipelines) : Grain, IWindowedKeyGrain
{
    private IKeyProcessor _processor = null!;
    private string _key = null!;
    private long _generation;
    private (long Epoch, byte[]? Snapshot) _committed;
    private (long Epoch, byte[] Snapshot)? _pending;
    private bool _loaded;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (pipeline, key) = PipelineRegistry.SplitGrainId(this.GetPrimaryKeyString());
        _key = key;
        _processor = pipelines.Get(pipeline) is WindowedPipelineDefinition windowed
            ? KeyProcessors.Create(windowed, key)
            : throw new InvalidOperationException($"pipeline '{pipeline}' is not a windowed pipeline");
        return Task.CompletedTask;
    }

    public async ValueTask<ApplyResult> Apply(KeyBatch batch)
    {
        if (await Follow(batch.Generation, batch.CommittedEpoch) is { } refused)
        {
            return new ApplyResult(refused, long.MaxValue);
        }

        if (state.State.Partition >= 0 && state.State.Partition != batch.Partition)
        {
            return new ApplyResult(ApplyStatus.WrongPartition, long.MaxValue, state.State.Partition);
        }

        if (batch.PreviousOffset > _processor.LastApplied)
        {
            return new ApplyResult(ApplyStatus.StateLost, long.MaxValue);
        }

        state.State.Partition = batch.Partition;
        _processor.Apply(batch.Records);
        return new ApplyResult(ApplyStatus.Applied, _processor.NextDueTime);
    }

    public async ValueTask<FlushResult> Flush(FlushRequest request)
    {
        if (await Follow(request.Generation, request.CommittedEpoch) is { } refused)
        {
            return new FlushResult { Status = refused, Outputs = [], NextDueTime = long.MaxValue };
        }

        if (request.LastAcknowledged > _processor.LastApplied)
        {
            return new FlushResult { Status = ApplyStatus.StateLost, Outputs = [], NextDueTime = long.MaxValue };
        }

        var outputs = new List<OutputRecord>();
        _processor.Flush(request.StreamTime, request.EndOffset, outputs);
        var written = 0L;
        if (request.WriteSnapshot)
        {
            // Every epoch below this one in this generation has committed, so an older pending snapshot has too.
            if (_pending is { } pending && pending.Epoch < request.Epoch)
            {
                _committed = pending;
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            _processor.WriteSnapshot(buffer);
            var snapshot = buffer.WrittenSpan.ToArray();
            var row = state.State;
            row.CommittedEpoch = _committed.Epoch;
            row.Committed = _committed.Snapshot;
            row.PendingEpoch = request.Epoch;
            row.Pending = snapshot;
            await state.WriteStateAsync();
            _pending = (request.Epoch, snapshot);
            written = snapshot.Length + (_committed.Snapshot?.Length ?? 0);
        }

        return new FlushResult { Status = ApplyStatus.Applied, Outputs = [.. outputs], NextDueTime = _processor.NextDueTime, StateBytesWritten = written };
    }

    public async ValueTask<KeyWindows> GetWindows(bool committed)
    {
        if (!_loaded)
        {
            await Load(long.MaxValue);
        }

        var epoch = _pending?.Epoch ?? _committed.Epoch;
        if (committed)
        {
            var view = KeyProcessors.Create((WindowedPipelineDefinition)pipelines.Get(PipelineRegistry.SplitGrainId(this.GetPrimaryKeyString()).Pipeline), _key);
            view.Restore(_committed.Snapshot);
            return new KeyWindows(_key, state.State.Partition, view.LastApplied, _committed.Epoch, view.Windows());
        }

        return new KeyWindows(_key, state.State.Partition, _processor.LastApplied, epoch, _processor.Windows());
    }

    /// <summary>Follows the partition's generation; returns why a call is refused, or null.</summary>
    private async ValueTask<ApplyStatus?> Follow(long generation, long committedEpoch)
    {
        if (generation < _generation)
        {
            return ApplyStatus.StaleGeneration;
        }

        if (generation > _generation)
        {
            await Load(committedEpoch);
            _generation = generation;
        }

        return null;
    }

    /// <summary>Drops everything in memory and loads the newest stored snapshot at or below <paramref name="committedEpoch"/>.</summary>
    private async Task Load(long committedEpoch)
    {
        await state.ReadStateAsync();
        var row = state.State;
        _committed = row.Pending is not null && row.PendingEpoch <= committedEpoch
            ? (row.PendingEpoch, row.Pending)
            : row.Committed is not null && row.CommittedEpoch <= committedEpoch ? (row.CommittedEpoch, row.Committed) : (0, null);
        _pending = null;
        _processor.Restore(_committed.Snapshot);
        _loaded = true;
    }
}
