using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>
/// Routes a windowed pipeline's records to its partition's state grain: batches in offset order, one
/// call at a time, so the grain applies records in exactly the order they were read. While a call
/// runs, the next batch fills; per-call cost is spread over up to <see cref="AgentLimits.MaxBatchRecords"/>
/// records of any keys. Each batch carries the epoch its records belong to; the agent ends epochs only
/// between calls (<see cref="Busy"/>), and tells the grain when an epoch committed, for committed reads.
/// </summary>
internal sealed class PartitionStateRouter(IPartitionStateGrain grain, string grainId, long generation, int maxBatchRecords, AsyncSignal signal) : IRecordRouter
{
    private readonly List<(long Sequence, StreamRecord Record, string Key)> _pending = [];
    private readonly long[] _inFlight = new long[maxBatchRecords];
    private int _inFlightCount;
    private Task<StateCallStatus>? _call;
    private int _pendingStart;

    public void Enqueue(string key, long sequence, in StreamRecord record) => _pending.Add((sequence, record, key));

    public bool Busy => _call is not null;

    public void Dispatch(long committedEpoch, long openEpoch)
    {
        if (_call is not null || _pendingStart == _pending.Count)
        {
            return;
        }

        var count = Math.Min(_pending.Count - _pendingStart, maxBatchRecords);
        // The batch's arrays go to the grain, which may keep them (a remote call copies them anyway); the sequences stay here.
        var records = new StreamRecord[count];
        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            (_inFlight[i], records[i], keys[i]) = _pending[_pendingStart + i];
        }

        _inFlightCount = count;
        _pendingStart += count;
        if (_pendingStart == _pending.Count || _pendingStart > 4 * maxBatchRecords)
        {
            _pending.RemoveRange(0, _pendingStart);
            _pendingStart = 0;
        }

        _call = grain.Apply(new StateBatch { Generation = generation, Records = records, Keys = keys, Epoch = openEpoch }).AsTask();

        // Signalled only once the task is complete, so the agent loop that wakes on it always finds the call finished.
        _call.ContinueWith(static (_, s) => ((AsyncSignal)s!).Set(), signal, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void TakeCompletions(SafeOffsetTracker tracker, Action<OutputRecord> deadLetter)
    {
        if (_call is not { IsCompleted: true } call)
        {
            return;
        }

        _call = null;
        if (call.IsFaulted)
        {
            throw new GenerationFailedException($"the partition state grain {grainId} failed", call.Exception.InnerException ?? call.Exception);
        }

        if (call.Result != StateCallStatus.Done)
        {
            throw new GenerationFailedException($"the partition state grain {grainId} answered {call.Result} to generation {generation}");
        }

        for (var i = 0; i < _inFlightCount; i++)
        {
            tracker.Complete(_inFlight[i]);
        }

        _inFlightCount = 0;
    }

    public FlushTargets Targets(long endOffset, long streamTime, long epoch) => FlushTargets.None;

    public void Committed(EpochPlan plan, FlushTargets targets, EpochOutcome outcome) =>
        _ = grain.Committed(generation, plan.Epoch, plan.EndOffset, plan.StreamTime); // one-way: committed reads may lag, never lead

    public void ReplayedTo(long offset) => _ = grain.ReplayedTo(generation, offset); // one-way, sent after the records below it were applied
}
