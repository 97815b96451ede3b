using Microsoft.Extensions.Logging;
using Orleans.Placement;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Pipelines;
using OrleansStreams.Queries;

namespace OrleansStreams.Grains.State;

/// <summary>
/// Holds the window state of one input partition (see <see cref="IPartitionStateGrain"/>). Keys it
/// has not seen in this generation are looked up in storage once, in one query per batch, so a key
/// that another partition already owns is dead-lettered instead of forming a second state. Placed on
/// the caller's silo: the committer begins it, and the committer runs beside the partition agent.
/// It also answers queries: committed reads see the state as of the last epoch whose transaction
/// committed (never an applied record of a later epoch), and only once the generation's replay has
/// rebuilt the committed state; an activation that no generation began answers "not running" and
/// deactivates, so a query never keeps a partition's state on a silo that does not run it.
/// </summary>
[PreferLocalPlacement]
internal sealed class PartitionStateGrain(
    PipelineRegistry pipelines,
    IKeyStateStore store,
    ILogger<PartitionStateGrain> logger) : Grain, IPartitionStateGrain
{
    /// <summary>Known foreign keys kept at most; beyond it the set is cleared and keys are looked up again.</summary>
    private const int MaxForeignKeys = 100_000;

    private readonly Dictionary<string, int> _foreign = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];
    private readonly HashSet<string> _unknownSet = new(StringComparer.Ordinal);
    private WindowedPipelineDefinition _pipeline = null!;
    private int _partition;
    private IPartitionState? _state;
    private long _generation = -1;
    private long _foreignSeen;
    private long _committedEpoch = -1;
    private long _committedOffset = -1;
    private long _committedStreamTime = long.MinValue;
    private long _imageFrom;
    private long _appliedEnd = -1;
    private long _appliedStreamTime = long.MinValue;
    private bool _caughtUp;
    private bool _loading;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (pipeline, partition) = PipelineRegistry.SplitGrainId(this.GetPrimaryKeyString());
        _pipeline = pipelines.Get(pipeline) as WindowedPipelineDefinition
            ?? throw new InvalidOperationException($"pipeline '{pipeline}' is not a windowed pipeline");
        _partition = int.Parse(partition, System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async Task<int> Begin(StateBegin begin)
    {
        var generation = begin.Generation;
        if (generation < _generation)
        {
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()} runs generation {_generation}; generation {generation} cannot begin");
        }

        _state = null;
        _foreign.Clear();
        var state = PartitionStates.Create(_pipeline, _partition);
        _loading = true;
        try
        {
            await foreach (var row in store.LoadAsync(_pipeline.Name, _partition))
            {
                state.Restore(row.Key, row.Data.Span);
            }
        }
        finally
        {
            _loading = false;
        }

        _state = state;
        _generation = generation;
        (_committedEpoch, _committedOffset, _committedStreamTime) = (begin.CommittedEpoch, begin.CommittedOffset, begin.CommittedStreamTime);
        state.Committed(_committedEpoch);
        _imageFrom = Math.Max(0, begin.CommittedOffset);
        (_appliedEnd, _appliedStreamTime) = (-1, long.MinValue);
        _caughtUp = begin.CommittedOffset <= 0 || begin.ReplayFrom >= begin.CommittedOffset;
        StateLog.Loaded(logger, this.GetPrimaryKeyString(), generation, state.KeyCount);
        return state.KeyCount;
    }

    public async ValueTask<StateCallStatus> Apply(StateBatch batch)
    {
        if (Refuse(batch.Generation) is { } refused)
        {
            return refused;
        }

        await LookUpNewKeys(batch.Keys);
        _state!.Apply(batch.Records, batch.Keys, _foreign, batch.Epoch, _imageFrom);
        if (batch.Records.Length > 0)
        {
            ref readonly var last = ref batch.Records[^1];
            _appliedEnd = Math.Max(_appliedEnd, last.Offset + 1);
            _appliedStreamTime = Math.Max(_appliedStreamTime, last.StreamTime);
            _caughtUp |= _appliedEnd >= _committedOffset;
        }

        return StateCallStatus.Done;
    }

    public Task Committed(long generation, long epoch, long endOffset, long streamTime)
    {
        if (Refuse(generation) is null && epoch > _committedEpoch)
        {
            (_committedEpoch, _committedOffset, _committedStreamTime) = (epoch, endOffset, streamTime);
            _state!.Committed(epoch);
            _caughtUp = true; // the epoch's flush came after every record below its end
        }

        return Task.CompletedTask;
    }

    public Task ReplayedTo(long generation, long offset)
    {
        if (Refuse(generation) is null)
        {
            _caughtUp |= offset >= _committedOffset;
        }

        return Task.CompletedTask;
    }

    public ValueTask<PartitionQueryAnswer> Query(PartitionQuery query)
    {
        if (_state is null)
        {
            if (_loading)
            {
                return ValueTask.FromResult(PartitionQueryAnswer.Unanswered(PartitionQueryStatus.NotYet));
            }

            this.DeactivateOnIdle(); // activated by this query, or released: the partition runs elsewhere, if anywhere
            return ValueTask.FromResult(PartitionQueryAnswer.Unanswered(PartitionQueryStatus.NotRunning));
        }

        if (!_caughtUp)
        {
            return ValueTask.FromResult(PartitionQueryAnswer.Unanswered(PartitionQueryStatus.NotYet));
        }

        var committed = query.Consistency == QueryConsistency.Committed;
        return ValueTask.FromResult(new PartitionQueryAnswer
        {
            Status = PartitionQueryStatus.Answered,
            Generation = _generation,
            Epoch = _committedEpoch,
            Offset = committed ? _committedOffset : Math.Max(_committedOffset, _appliedEnd),
            StreamTime = committed ? _committedStreamTime : Math.Max(_committedStreamTime, _appliedStreamTime),
            Keys = _state.Query(query.Keys, query.Consistency, query.From, query.To, _committedStreamTime),
        });
    }

    public ValueTask<StateFlushResult> Flush(StateFlush request)
    {
        if (Refuse(request.Generation) is { } refused)
        {
            return ValueTask.FromResult(StateFlushResult.Refused(refused));
        }

        var outputs = OutputLists.Rent();
        var rows = CheckpointRows.Pool.Rent();
        try
        {
            var closed = _state!.Flush(request.StreamTime, request.EndOffset, request.Checkpoint, outputs, rows);
            var result = new StateFlushResult
            {
                Status = StateCallStatus.Done,
                Outputs = outputs,
                Rows = rows,
                KeysClosed = closed,
                KeysHeld = _state.KeyCount,
            };
            outputs = null; // the committer's now
            rows = null;
            return ValueTask.FromResult(result);
        }
        finally
        {
            if (outputs is not null)
            {
                OutputLists.Return(outputs);
            }

            if (rows is not null)
            {
                CheckpointRows.Pool.Return(rows);
            }
        }
    }

    public Task Disown(long generation, KeyValuePair<string, int>[] keys)
    {
        if (Refuse(generation) is null)
        {
            foreach (var (key, owner) in keys)
            {
                _state!.Disown(key);
                Remember(key, owner);
            }
        }

        return Task.CompletedTask;
    }

    public Task Release(long generation)
    {
        if (generation == _generation)
        {
            _state = null;
            this.DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    private StateCallStatus? Refuse(long generation) =>
        generation < _generation ? StateCallStatus.StaleGeneration
        : generation > _generation || _state is null ? StateCallStatus.NotBegun
        : null;

    /// <summary>Asks storage which of the batch's keys that this partition does not hold belong to another partition.</summary>
    private async Task LookUpNewKeys(string[] keys)
    {
        _unknown.Clear();
        _unknownSet.Clear();
        foreach (var key in keys)
        {
            if (!_state!.Contains(key) && !_foreign.ContainsKey(key) && _unknownSet.Add(key))
            {
                _unknown.Add(key);
            }
        }

        if (_unknown.Count == 0)
        {
            return;
        }

        var owners = await store.FindOwnersAsync(_pipeline.Name, _unknown);
        foreach (var (key, owner) in owners)
        {
            if (owner != _partition)
            {
                Remember(key, owner);

                // One line per key for the first few, then one per thousand: a wrongly partitioned input must not flood the log.
                if (++_foreignSeen <= 10 || _foreignSeen % 1_000 == 0)
                {
                    StateLog.ForeignKey(logger, this.GetPrimaryKeyString(), key, owner, _foreignSeen);
                }
            }
        }
    }

    private void Remember(string key, int owner)
    {
        if (_foreign.Count >= MaxForeignKeys)
        {
            _foreign.Clear();
        }

        _foreign[key] = owner;
    }
}
