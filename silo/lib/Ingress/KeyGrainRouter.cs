using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Outputs;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>
/// Routes each key's records to its own key grain (pipelines built with <c>ProcessWith</c>): one call
/// at a time per key, bounded in flight, and at every epoch end a flush of every key dirty in it or
/// with work due. Keeps the partition's due index, persisted with the epochs that change it.
/// </summary>
internal sealed class KeyGrainRouter : IRecordRouter
{
    private readonly PipelineDefinition _pipeline;
    private readonly int _partition;
    private readonly long _generation;
    private readonly KeyDispatcher _dispatcher;
    private readonly DueIndex _due = new();
    private readonly ILogger _logger;
    private long _duePersisted;

    public KeyGrainRouter(
        PipelineDefinition pipeline, int partition, GenerationStart start, Func<string, IKeyGrain> grainOf, AgentLimits limits, AsyncSignal signal, ILogger logger, string? siloName = null)
    {
        _pipeline = pipeline;
        _partition = partition;
        _generation = start.Generation;
        _logger = logger;
        _due.Import(start.Due.Keys, start.Due.DueTimes);
        _duePersisted = _due.Version;
        _dispatcher = new KeyDispatcher(grainOf, static (key, batch) => key.Grain.Apply(batch), signal.Set, limits.MaxInFlight, limits.MaxBatchRecords, siloName);
    }

    public void Enqueue(string key, long sequence, in StreamRecord record) => _dispatcher.Enqueue(key, sequence, record);

    public bool Busy => false;

    public void Dispatch(long committedEpoch, long openEpoch) => _dispatcher.Dispatch(_generation, committedEpoch, _pipeline.Name, _partition);

    public void TakeCompletions(SafeOffsetTracker tracker, Action<OutputRecord> deadLetter)
    {
        while (_dispatcher.TryTakeCompletion(out var completion))
        {
            var key = completion.Key;
            if (completion.Error is not null)
            {
                throw new GenerationFailedException($"key grain {_pipeline.KeyGrainId(key.Key)} failed", completion.Error);
            }

            switch (completion.Result.Status)
            {
                case ApplyStatus.Applied:
                    var applied = _dispatcher.Finish(key);
                    foreach (var (sequence, _) in applied)
                    {
                        tracker.Complete(sequence);
                    }

                    key.MinUnflushedOffset = Math.Min(key.MinUnflushedOffset, applied[0].Record.Offset);
                    key.LastAcknowledged = applied[^1].Record.Offset;
                    _due.Set(key.Key, completion.Result.NextDueTime);
                    break;
                case ApplyStatus.WrongPartition:
                    var rejected = _dispatcher.Finish(key);
                    var reason = $"key '{key.Key}' belongs to partition {completion.Result.OwnerPartition}, not {_partition}: the input topic is not partitioned by this pipeline's key";
                    foreach (var (sequence, record) in rejected)
                    {
                        deadLetter(Outputs.DeadLetter(record, reason));
                        tracker.Complete(sequence);
                    }

                    IngressLog.WrongPartition(_logger, _pipeline.Name, _partition, key.Key, completion.Result.OwnerPartition);
                    break;
                default:
                    throw new GenerationFailedException($"key grain {_pipeline.KeyGrainId(key.Key)} answered {completion.Result.Status}");
            }
        }
    }

    public FlushTargets Targets(long endOffset, long streamTime, long epoch)
    {
        var flush = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _dispatcher.Keys)
        {
            if (key.MinUnflushedOffset < endOffset)
            {
                flush.Add(key.Key);
            }
        }

        _due.CollectDue(streamTime, flush);
        string[] keys = [.. flush];
        DueSnapshot? due = null;
        if (_due.Version != _duePersisted)
        {
            var (dueKeys, times) = _due.Export();
            due = new DueSnapshot { Epoch = epoch, Keys = dueKeys, DueTimes = times };
        }

        return new FlushTargets(keys, [.. keys.Select(k => _dispatcher.TryGet(k, out var state) ? state.LastAcknowledged : -1)], due, _due.Version);
    }

    public void ReplayedTo(long offset)
    {
        // Key grains answer no committed reads.
    }

    public void Committed(EpochPlan plan, FlushTargets targets, EpochOutcome outcome)
    {
        if (targets.Due is not null)
        {
            _duePersisted = targets.DueVersion;
        }

        for (var i = 0; i < outcome.FlushedKeys.Length; i++)
        {
            var key = outcome.FlushedKeys[i];
            var nextDue = outcome.NextDueTimes[i];
            if (_dispatcher.TryGet(key, out var state))
            {
                var appliedBeyond = state.LastAcknowledged >= plan.EndOffset;
                state.MinUnflushedOffset = appliedBeyond ? plan.EndOffset : long.MaxValue;
                if (appliedBeyond)
                {
                    // Records at or beyond the epoch end are applied already and their outputs wait for the next flush.
                    // Those applies may have run after the flush, making its due time stale: keep the earlier one, since
                    // an early due costs one extra flush while a late one would leave a window open forever.
                    nextDue = Math.Min(nextDue, _due.Get(key));
                }
            }

            _due.Set(key, nextDue);
        }

        _dispatcher.EvictIdle();
    }
}
